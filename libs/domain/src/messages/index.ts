export * from './message-text';
export { formatParam, placeholdersOf, renderTemplate } from './render-message';
export { MESSAGES, hasMessage, messageOf, type MessageKey } from './catalogue';
