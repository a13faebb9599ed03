import { consolePage, consoleProps, consoleRoute, type ConsoleRouter } from './console-kit.tsx';
import { ConsoleLayout, CsrfField } from './views/console-layout.tsx';

export function homeRoutes(router: ConsoleRouter) {
  consoleRoute(router, 'GET', '/console', (c) => {
    const props = consoleProps(c);
    const { m } = props;
    const actor = c.var.staffSession!.actor;
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.home.welcome(actor.name)}>
        <dl class="facts">
          <dt>{m.home.role}</dt>
          <dd id="role">{m.roles[actor.role]}</dd>
          {actor.centerId !== null && (
            <>
              <dt>{m.home.center}</dt>
              <dd>#{actor.centerId}</dd>
            </>
          )}
        </dl>
        <p>
          <a href="/console/passkeys">{m.passkeys.manage}</a>
        </p>
        <form method="post" action="/console/sign-out-everywhere">
          <CsrfField session={c.var.staffSession} />
          <button type="submit" class="secondary">
            {m.home.signOutEverywhere}
          </button>
        </form>
      </ConsoleLayout>,
    );
  });
}
