import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import request from 'supertest';

/** Someone with an account at the test provider, and what it says about their e-mail. */
export interface ProviderAccount {
  /** The login typed at the provider's form; also the account's `sub`. */
  login: string;
  email?: string;
  emailVerified?: boolean;
}

export interface TestOidcProvider {
  /** The issuer identifier: `http://127.0.0.1:<port>`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Gives the provider an account (or changes it). */
  addAccount(account: ProviderAccount): void;
  /**
   * Follows the provider's side of a sign-in from the authorisation address the console
   * sent the browser to: its login form (as `login`, any password) and its consent form,
   * until it sends the browser back to the console. Gives that address back. Each sign-in
   * is a fresh browser, signed in at the provider by nobody yet.
   */
  signIn(authorisationAddress: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

/** A loopback port nothing listens on: a provider that cannot be reached (until one is started on it). */
export async function unusedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** The provider's HTML forms: where each posts to. */
const FORM_ACTION = /<form[^>]*action="([^"]+)"[^>]*method="post"/;

/**
 * A real OpenID provider (the `oidc-provider` package) on loopback, with one confidential
 * client registered for the console's callback and its own quick-start login and consent
 * pages, which take any password.
 */
export async function startOidcProvider(
  redirectUri: string,
  { port = 0 }: { port?: number } = {},
): Promise<TestOidcProvider> {
  const accounts = new Map<string, ProviderAccount>();
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'clf-console';
  const clientSecret = 'a-client-secret-the-provider-and-the-console-share';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    // Lifetimes of its own choosing, so the provider does not remind the test log to set them.
    ttl: Object.fromEntries(
      ['AccessToken', 'AuthorizationCode', 'Grant', 'IdToken', 'Interaction', 'Session'].map(
        (kind) => [kind, 600],
      ),
    ),
    async findAccount(_context, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: `Name of ${id}`,
          ...(account.email === undefined ? {} : { email: account.email }),
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
        }),
      };
    },
  });
  server.on('request', provider.callback());

  async function signIn(authorisationAddress: string, login: string): Promise<URL> {
    // A browser of its own each time: no provider session carried over from another sign-in.
    const browser = request.agent(issuer);
    let address = new URL(authorisationAddress);
    let page = await browser.get(address.pathname + address.search);
    for (let step = 0; step < 10; step += 1) {
      if (page.status === 303 || page.status === 302) {
        address = new URL(page.headers.location, address);
        if (address.origin !== issuer) return address;
        page = await browser.get(address.pathname + address.search);
        continue;
      }
      const action = FORM_ACTION.exec(page.text)?.[1];
      if (page.status !== 200 || !action)
        throw new Error(`the provider answered ${page.status}: ${page.text.slice(0, 500)}`);
      const prompt = /name="prompt" value="(\w+)"/.exec(page.text)?.[1];
      address = new URL(action, address);
      page = await browser
        .post(address.pathname + address.search)
        .type('form')
        .send(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    }
    throw new Error('the provider never sent the browser back');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount: (account) => accounts.set(account.login, account),
    signIn,
    close: () => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done()))),
  };
}
