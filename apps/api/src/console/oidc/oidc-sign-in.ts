import { IdentityProvider } from './identity-provider';
import { OidcSignInController } from './oidc-sign-in.controller';
import { SignInFlowCookie } from './sign-in-flow-cookie';

/** What the console module registers for signing in with the organisation's identity provider. */
export const OIDC_SIGN_IN = {
  controllers: [OidcSignInController],
  providers: [IdentityProvider, SignInFlowCookie],
};
