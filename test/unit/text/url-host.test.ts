import * as assert from 'node:assert/strict';
import { hostTrusted, literalHost } from '../../../core/analysis/hosts';
import { blobEndpoint } from '../../../core/policy/endpoint-connectors';
import { urlHost, withoutUserinfo } from '../../../core/text/url-host';

describe('text/urlHost', () => {
  it('reads the host after the user info, as the HTTP client does', () => {
    assert.deepEqual(urlHost('https://svc:pw@files.example.net/share'), { kind: 'host', host: 'files.example.net', userinfo: true });
    assert.deepEqual(urlHost('https://trusted.contoso.com@evil.example/upload'), { kind: 'host', host: 'evil.example', userinfo: true });
    assert.equal(hostTrusted(literalHost('https://trusted.contoso.com@evil.example/upload')!, ['*.contoso.com']), false);
    assert.equal(hostTrusted(literalHost('https://svc:pw@files.contoso.com/x')!, ['*.contoso.com']), true);
  });

  it('lower-cases the host and drops the port', () => {
    assert.equal(literalHost('HTTPS://API.Contoso.COM:8443/v1'), 'api.contoso.com');
    assert.equal(literalHost('https://api.contoso.com:443'), 'api.contoso.com');
    assert.equal(literalHost('  https://api.contoso.com/x  '), 'api.contoso.com');
  });

  it('reads IPv6 and normalised IPv4 hosts', () => {
    assert.equal(literalHost('https://[2001:db8::1]:8443/x'), '[2001:db8::1]');
    assert.equal(literalHost('http://0x7f.1/'), '127.0.0.1');
  });

  it('does not trust a host it would have to guess', () => {
    for (const url of [
      'https://trusted.contoso.com\\@evil.example/', // WHATWG: host trusted.contoso.com; RFC 3986: evil.example
      'https://evil.example\\.contoso.com/',
      'https://a@b@evil.example/',
      'https://evil%2Eexample/',
      'https://trusted.contoso.com%40evil.example/',
      'https://exa mple.com/',
      'https://api.contoso.com\t.evil.example/',
      'https://:443/',
      'https://api.contoso.com:99999/',
      'api.contoso.com/v1',
      '//api.contoso.com/v1',
    ]) {
      assert.equal(urlHost(url).kind, 'unclear', url);
      assert.equal(literalHost(url), undefined, url);
    }
  });

  it('treats a host built at run time as such, and a literal host before an expression path as literal', () => {
    assert.equal(urlHost("@{variables('endpoint')}").kind, 'runtime');
    assert.equal(urlHost("https://@{variables('host')}/x").kind, 'runtime');
    assert.equal(urlHost("https://api.@{variables('zone')}.com/x").kind, 'runtime');
    assert.equal(literalHost("https://api.contoso.com/items/@{items('Each')?['id']}"), 'api.contoso.com');
    assert.equal(literalHost("https://api.contoso.com?x=@{variables('v')}"), 'api.contoso.com');
  });

  it('leaves the path alone: a backslash or @ after the host changes nothing', () => {
    assert.equal(literalHost('https://api.contoso.com/a\\b'), 'api.contoso.com');
    assert.equal(literalHost('https://api.contoso.com/users/me@evil.example'), 'api.contoso.com');
    assert.equal(literalHost('https://api.contoso.com?next=https://evil.example'), 'api.contoso.com');
  });

  it('withoutUserinfo drops the user info and nothing else', () => {
    assert.equal(withoutUserinfo('https://trusted.contoso.com@evil.example/x?y=1'), 'https://evil.example/x?y=1');
    assert.equal(withoutUserinfo('https://a:b@host:8080/'), 'https://host:8080/');
    assert.equal(withoutUserinfo('https://host/x@y'), undefined);
  });

  it('reads a blob storage URL by its real host', () => {
    assert.equal(blobEndpoint('https://contosodata.blob.core.windows.net/'), 'contosodata');
    assert.equal(blobEndpoint('https://svc:pw@contosodata.blob.core.windows.net/'), 'contosodata');
    assert.notEqual(blobEndpoint('https://contosodata.blob.core.windows.net@evil.example/'), 'contosodata');
    assert.equal(blobEndpoint('contosodata'), 'contosodata');
  });
});
