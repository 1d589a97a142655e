import type { Response } from 'express';
import { DomainError } from '#domain';
import { accountsFixture, ADMIN, context } from '../../people/testing/people-fixture';
import { PersonPage } from './person-page';

/** A response that keeps what was rendered. */
function capture() {
  const rendered: { status?: number; view?: string; model?: Record<string, unknown> } = {};
  const response = {
    status(code: number) {
      rendered.status = code;
      return this;
    },
    render(view: string, model: Record<string, unknown>) {
      rendered.view = view;
      rendered.model = model;
    },
  } as unknown as Response;
  return { response, rendered };
}

describe('a person’s page', () => {
  it('shows the person with their history, newest first, and their tokens', async () => {
    const { directory, accounts, close } = await accountsFixture();
    await directory.execute(
      {
        type: 'ChangeRoles',
        actor: ADMIN,
        data: { personId: 'u-ada', roles: ['admin', 'auditor'] },
      },
      context,
    );
    await accounts.createApiToken('u-ada', 'feed');
    const { response, rendered } = capture();
    await new PersonPage(directory, accounts).render(response, 'u-ada', { banner: 'hello' });
    expect(rendered.status).toBe(200);
    expect(rendered.view).toBe('people/person');
    expect(rendered.model).toMatchObject({
      pageTitle: 'Ada',
      banner: 'hello',
      history: [
        { by: 'Ada Admin', what: 'Roles changed from Administrator to Auditor, Administrator' },
        { by: 'Ada Admin', what: 'Added, with the roles Administrator' },
      ],
      tokens: [{ name: 'feed', personId: 'u-ada' }],
    });
    await close();
  });

  it('is the “not found” page for someone not in the directory', async () => {
    const { directory, accounts, close } = await accountsFixture();
    const { response } = capture();
    await expect(
      new PersonPage(directory, accounts).render(response, 'u-nobody', {}),
    ).rejects.toThrow(DomainError);
    await close();
  });
});
