export * from './personal-data-read';
