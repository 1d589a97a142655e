/** Where a sign-in with the organisation's identity provider begins. */
export const OIDC_SIGN_IN_PATH = '/sign-in/oidc';

/** Where the provider sends the browser back to: the redirect URI registered with it. */
export const OIDC_CALLBACK_PATH = `${OIDC_SIGN_IN_PATH}/callback`;
