import { defineRule } from '../../core/engine/rule';
import { prop, str } from '../../core/artifacts/json';
import { BUILTIN_HTTP_REQUEST_RECEIVED } from '../../core/connectors/id';

export default defineRule({
  meta: {
    id: 'exfiltration/anonymous-http-trigger',
    category: 'exfiltration',
    defaultSeverity: 'warning',
    description: 'An HTTP request trigger anyone holding the URL can call.',
    help:
      'A "When a HTTP request is received" trigger set to "Anyone" (triggerAuthenticationType All, or absent in older ' +
      'flows) runs for whoever has its URL; the URL carries a SAS signature that ends up in logs, browser history and ' +
      'chat. Restrict it to users in your tenant (Tenant) or to named users (User with triggerAllowedUsers).',
    fixable: false,
  },
  check(ctx) {
    for (const step of ctx.flow.triggers) {
      if (step.connector?.id !== BUILTIN_HTTP_REQUEST_RECEIVED) continue;
      const auth = prop(step.inputs, 'triggerAuthenticationType');
      const type = str(auth)?.toLowerCase();
      const users = str(prop(step.inputs, 'triggerAllowedUsers'))?.trim() ?? '';
      let why: string | undefined;
      if (type === undefined) why = 'has no triggerAuthenticationType, the legacy setting that lets anyone with the URL call it';
      else if (type === 'all') why = "is set to 'Anyone' (triggerAuthenticationType All)";
      else if (type === 'user' && users === '') why = "is set to specific users but lists none, so it falls back to the whole tenant";
      if (!why) continue;
      ctx.report({
        node: auth ?? step.nameNode,
        step,
        message: `HTTP trigger '${step.name}' ${why}. Restrict it to your tenant or to named users.`,
        data: { authentication: type ?? 'absent' },
      });
    }
  },
});
