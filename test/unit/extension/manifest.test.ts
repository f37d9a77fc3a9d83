import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../helpers/fixtures';
import { pngSize } from '../../helpers/png';

interface Command {
  command: string;
  title: string;
  category?: string;
}

interface Setting {
  type: string;
  default: unknown;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
}

interface Manifest {
  version: string;
  icon: string;
  galleryBanner: { color: string; theme: string };
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  activationEvents: string[];
  contributes: {
    commands: Command[];
    menus: { commandPalette: { command: string; when: string }[] };
    configuration: { properties: Record<string, Setting> };
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const userReadme = readFileSync(path.join(ROOT, 'client', 'README.md'), 'utf8');

/** The scopes VS Code accepts for a setting (https://code.visualstudio.com/api/references/contribution-points#contributes.configuration). */
const SCOPES = ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'];

/** The highest VS Code a version range asks for at least: code-server 4.100.3 is VS Code 1.100.3. */
function minorOf(range: string): number {
  const match = /(\d+)\.(\d+)/.exec(range);
  assert.ok(match, range);
  return Number(match[1]) * 1000 + Number(match[2]);
}

describe('the extension manifest (package.json) as the Marketplace and VS Code read it', () => {
  it('names an icon of at least 128x128 pixels, and a gallery banner', () => {
    const { width, height } = pngSize(readFileSync(path.join(ROOT, manifest.icon)));
    assert.ok(width >= 128 && height >= 128, `${manifest.icon} is ${width}x${height}`);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
  });

  it('asks for no VS Code newer than 1.100, which code-server 4.100.3 is', () => {
    assert.ok(minorOf(manifest.engines.vscode) <= minorOf('1.100'), manifest.engines.vscode);
    assert.ok(minorOf(manifest.devDependencies['@types/vscode'] ?? '') <= minorOf(manifest.engines.vscode), '@types/vscode is not newer than engines.vscode');
  });

  it('starts in a workspace that holds only solution zips', () => {
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/*.zip'), JSON.stringify(manifest.activationEvents));
  });

  it('contributes Restart Server and Show Rule Documentation under FlowGuard, both in the palette', () => {
    const byId = new Map(manifest.contributes.commands.map((c) => [c.command, c]));
    assert.equal(byId.get('flowguard.restartServer')?.title, 'Restart Server');
    assert.equal(byId.get('flowguard.showRuleDocumentation')?.title, 'Show Rule Documentation');
    for (const id of ['flowguard.restartServer', 'flowguard.showRuleDocumentation']) {
      assert.equal(byId.get(id)?.category, 'FlowGuard');
      const hidden = manifest.contributes.menus.commandPalette.find((m) => m.command === id);
      assert.notEqual(hidden?.when, 'false', `${id} is hidden from the palette`);
    }
  });

  it('gives every setting a scope and a Markdown description', () => {
    for (const [name, setting] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok(setting.scope && SCOPES.includes(setting.scope), `${name} has scope ${String(setting.scope)}`);
      assert.ok(setting.markdownDescription, `${name} has a markdownDescription`);
      assert.equal(setting.description, undefined, `${name}: the settings editor shows markdownDescription, so a plain description would only drift`);
      if (setting.enum) assert.equal(setting.markdownEnumDescriptions?.length ?? setting.enumDescriptions?.length ?? setting.enum.length, setting.enum.length, `${name} describes each value or none`);
    }
  });

  it("lists every command and setting in the Marketplace README (client/README.md)", () => {
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
    for (const command of manifest.contributes.commands.filter((c) => !hidden.has(c.command))) {
      assert.ok(userReadme.includes(`${command.category ?? 'FlowGuard'}: ${command.title}`) || userReadme.includes(command.title), `client/README.md names ${command.title}`);
    }
    for (const name of Object.keys(manifest.contributes.configuration.properties)) assert.ok(userReadme.includes(`\`${name}\``), `client/README.md names ${name}`);
    assert.ok(userReadme.includes('$flowguard'), 'client/README.md shows the problem matcher');
  });

  it("has a CHANGELOG section for its version, as npm run package checks before vsce runs", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-changelog.mjs')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]`, 'm'));
  });
});
