import { defineRule, type LintContext } from '../../core/engine/rule';
import { rangeOf } from '../../core/artifacts/source';
import { disclosurePaths, type DisclosurePath } from '../../core/analysis/secret-disclosure';
import type { SecretStart } from '../../core/analysis/secret-material';
import type { RelatedLocation } from '../../core/findings';
import type { Span } from '../../core/text/range';

const ADVICE: Record<DisclosurePath['place']['kind'], string> = {
  message: 'Everyone who receives the message can read it, and mail stays in mailboxes and journals. Send a link to where authorised people can read it instead, and rotate the secret if the flow has run.',
  store: 'Everyone who can read that store can read the secret. Keep secrets in Azure Key Vault or a Secret environment variable, and rotate it if the flow has run.',
  response: 'Whoever calls the flow receives it. Return a reference or nothing, and rotate the secret if the flow has run.',
  request: "It goes to the service as data, where it is logged and stored, not as a credential. Pass it in the request's authentication or a credential header, or stop sending it.",
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function via(path: DisclosurePath): string {
  const middle = path.hops.slice(0, -1).map((hop) => (hop.variable && hop.step.type.toLowerCase() !== 'initializevariable' ? `'${hop.step.name}' (variable '${hop.variable}')` : `'${hop.step.name}'`));
  return middle.length > 0 ? ` via ${middle.join(', ')}` : '';
}

/** Where the secret is: the step that reads it, the parameter, or the text it is written in. */
function startLocation(start: SecretStart): { span: Span; what: string } {
  switch (start.kind) {
    case 'hardcoded':
      return { span: start.span, what: 'the secret is written here' };
    case 'secure-parameter':
    case 'secret-parameter':
    case 'hardcoded-parameter':
      return { span: { offset: start.parameter.node.offset, length: start.parameter.node.length }, what: `the secret is parameter '${start.parameter.name}'` };
    default:
      return { span: { offset: start.step.nameNode.offset, length: start.step.nameNode.length }, what: `the secret is read here ('${start.step.name}')` };
  }
}

function related(ctx: LintContext, path: DisclosurePath): RelatedLocation[] {
  const source = ctx.flow.doc.source;
  const start = startLocation(path.start);
  const out: RelatedLocation[] = [{ file: source.path, range: rangeOf(source, start.span), message: `1. ${start.what}`, hop: 1 }];
  path.hops.forEach((hop, i) => {
    const last = i === path.hops.length - 1;
    const through = hop.variable ? ` through variable '${hop.variable}'` : '';
    out.push({ file: source.path, range: rangeOf(source, hop.ref.span), message: `${i + 2}. ${last ? 'disclosed by' : 'passed on by'} '${hop.step.name}'${through}`, hop: i + 2 });
  });
  return out;
}

function startName(start: SecretStart): string {
  return 'parameter' in start ? start.parameter.name : start.step.name;
}

export default defineRule({
  meta: {
    id: 'secrets/secret-disclosure',
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'A secret sent where people or other systems read it: a message, a file, a row, a Response, or an HTTP request outside its credential fields.',
    help:
      'Secret material (a Key Vault value, a Secret environment variable, a secure parameter, a credential input of ' +
      'the trigger, a secret written into the flow) is meant to be used as a credential: in the authentication of a ' +
      'request or in a credential header. Put into the body of a mail or Teams message, a SharePoint item, a file, a ' +
      'Dataverse row, the flow\'s Response, or the body, query or URL of an HTTP request, it is read and kept by ' +
      'whoever and whatever receives it. The secret is followed through Compose, Parse JSON, variables and loops. ' +
      'Use it only as a credential, and rotate any secret a flow has sent.',
    fixable: false,
    security: { severity: 8.0 },
    // Measured: 2 findings in the corpus, both real (the SCuBA setup flow stores the client secret
    // typed into its app in a String environment variable, in its managed and unmanaged zips); every
    // other secret there is used in HTTP authentication or a token request.
    precision: 'high',
    tags: ['security', 'external/cwe/cwe-200', 'external/cwe/cwe-522'],
    key: ['source', 'place'],
  },
  check(ctx) {
    for (const path of disclosurePaths(ctx.flow)) {
      const sink = path.sink;
      const written = path.hops.length === 0 ? ` is written into ${path.place.what} in '${sink.name}'` : ` reaches ${path.place.what} in '${sink.name}'${via(path)}`;
      ctx.report({
        node: sink.nameNode,
        step: sink,
        message: `${capitalised(path.start.description)}${written}. ${ADVICE[path.place.kind]}`,
        related: related(ctx, path),
        data: { source: startName(path.start), kind: path.start.kind, place: path.place.kind, hops: path.hops.length },
      });
    }
  },
});
