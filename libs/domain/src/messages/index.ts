export * from './message-text';
export { formatParam, placeholdersOf, renderTemplate } from './render-message';
export {
  MESSAGES,
  codeOfKey,
  englishOf,
  errorMessageOf,
  hasMessage,
  messageOf,
  renderLines,
  renderMessage,
  type KeyOfCode,
  type MessageKey,
} from './catalogue';
export { fieldError, type FieldError, type FieldMessageKey } from './field-error';
export { REQUEST_CODES, type RequestCode } from './request.messages';
