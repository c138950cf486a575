/**
 * The Nest token of the engine's keyring (`PersonalKeys`), apart from its provider: the store's provider
 * injects it, and the provider's file reaches the store's through `store-target`.
 */
export const PERSONAL_KEYRING = Symbol('PERSONAL_KEYRING');
