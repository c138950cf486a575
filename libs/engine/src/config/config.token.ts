/** Symbol token of the loaded {@link KetnapConfig}. */
export const KETNAP_CONFIG = Symbol('KETNAP_CONFIG');
