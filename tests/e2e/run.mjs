// Meldpunt in the browser, end to end: Debian's Chromium driven by playwright-core, against a real
// `meldpunt serve` on a fresh SQLite register. A complainant files on the public form and follows
// the case in the portal while staff take it through the procedure, for Focus (to closure, with a
// refusal: the handler would be the person complained about; the administrator disables an
// account) and M.O.S. (a withdrawal; and a complaint filed by a representative that the
// complainant escalates to the committee, which advises the director); an employee of each of
// Een Loket MK, Gelukwerkt and Mensen met een Missie registers a case at the desk and takes their
// step; a deadline passes and the server's own sweep mails the manager (a real SMTP server) while
// her dashboard lists the case, and a paper letter prints with the day's post as one PDF; the main
// pages must fit a phone's screen; in each of the five organisations a complainant files on the web
// and writes with staff, who find the case by name and by reference. Every page
// visited is checked with axe-core (WCAG 2.1 A/AA): no serious or critical violation. Screenshots
// of the main pages go to tests/e2e/screenshots/.
//
// Usage: node run.mjs [path/to/meldpunt]   (default: ../../build/default/meldpunt)
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const binary = path.resolve(process.argv[2] ?? path.join(root, 'build/default/meldpunt'));
const shots = path.join(here, 'screenshots');
const axeSource = readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
const password = 'correct horse battery staple';
mkdirSync(shots, { recursive: true });

function meldpunt(args, input) {
  return execFileSync(binary, args, { input, encoding: 'utf8' });
}

function setUp(db) {
  meldpunt(['org', 'create', '--db', db, '--id', 'focus', '--procedure', path.join(root, 'policies/focus.toml')]);
  meldpunt(['org', 'create', '--db', db, '--id', 'mos', '--procedure', path.join(root, 'policies/mos.toml')]);
  for (const [id, file] of [['eenloket', 'een-loket-mk'], ['gelukwerkt', 'gelukwerkt'], ['mmeam', 'mensen-met-een-missie']])
    meldpunt(['org', 'create', '--db', db, '--id', id, '--procedure', path.join(root, `policies/${file}.toml`)]);
  const people = [
    ['focus', 'anna@focus.nl', 'Anna de Boer', 'manager'],
    ['focus', 'karin@focus.nl', 'Karin Smit', 'employee'],
    ['focus', 'piet@focus.nl', 'Piet Jansen', 'employee'],
    ['focus', 'els@focus.nl', 'Els Visser', 'quality_manager'],
    ['focus', 'beheer@focus.nl', 'Bram Beheer', 'administrator'],
    ['mos', 'secretaris@mos.nl', 'Sanne Secretaris', 'coordinator'],
    ['mos', 'commissie@mos.nl', 'Kees Commissie', 'committee'],
    ['mos', 'directeur@mos.nl', 'Dirk Directeur', 'director'],
    ['eenloket', 'anouk@eenloketmk.nl', 'Anouk de Wit', 'employee'],
    ['gelukwerkt', 'lisa@gelukwerkt.nl', 'Lisa Groen', 'employee'],
    ['mmeam', 'ruud@mmeam.nl', 'Ruud Kok', 'employee'],
    ['mmeam', 'kvc@mmeam.nl', 'Karel Coördinator', 'coordinator'],
    ['eenloket', 'partner@eenloketmk.nl', 'Paula Partner', 'partner'],
    ['gelukwerkt', 'olga@gelukwerkt.nl', 'Olga Officier', 'complaints_officer'],
  ];
  for (const [org, email, name, role] of people)
    meldpunt(['user', 'create', '--db', db, '--org', org, '--email', email, '--name', name, '--role', role,
              '--password-stdin'], password + '\n');
}

// A real SMTP server (tests/support/smtp_sink.py on Debian's aiosmtpd) that keeps what arrives as
// files in `folder`.
async function startMailServer(folder) {
  const port = await new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  return new Promise((resolve, reject) => {
    const sink = spawn('/usr/bin/python3', [path.join(root, 'tests/support/smtp_sink.py'), String(port), folder],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
    sink.stdout.on('data', (chunk) => { if (String(chunk).includes('ready')) resolve({ sink, url: `smtp://127.0.0.1:${port}` }); });
    sink.on('exit', (code) => reject(new Error(`the SMTP server exited with ${code}`)));
    setTimeout(() => reject(new Error('the SMTP server did not start')), 15000);
  });
}

// The messages that arrived at the SMTP server so far, raw.
function mailbox(folder) {
  return readdirSync(folder).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(path.join(folder, f), 'utf8'));
}

function startServer(db, smtp) {
  return new Promise((resolve, reject) => {
    const server = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--sweep-interval', '1',
                                  '--smtp', smtp, '--mail-from', 'klachten@meldpunt.example',
                                  '--webhooks-to-private-networks'],
                         { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serves on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({ server, base: m[1] });
    });
    server.on('exit', (code) => reject(new Error(`meldpunt serve exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error('meldpunt serve did not start')), 15000);
  });
}

const checkedPages = [];

// An ERP on this machine that takes Meldpunt's webhooks: it answers a closing with its reference.
function startErp() {
  return new Promise((resolve) => {
    const received = [];
    const erp = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => { body += chunk; });
      request.on('end', () => {
        received.push({ event: request.headers['meldpunt-event'], body: JSON.parse(body) });
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(request.headers['meldpunt-event'] === 'case.closing' ? JSON.stringify({ reference: 'ES-2027-0042' }) : '{}');
      });
    });
    erp.listen(0, '127.0.0.1', () => resolve({ erp, received, url: `http://127.0.0.1:${erp.address().port}/meldpunt` }));
  });
}

// axe-core on the page as it is now: no serious or critical WCAG 2.1 A/AA violation.
async function accessible(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
                   `accessibility violations on ${name}`);
  checkedPages.push(name);
}

async function visit(page, name, { shot = false } = {}) {
  await accessible(page, name);
  if (shot) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function login(browser, base, org, email) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.selectOption('#org', org);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit].primary');
  await page.waitForURL(`${base}/werk`);
  return page;
}

// Opens the action's form on the case page, fills its fields and submits it.
async function act(page, action, fields = {}) {
  const form = page.locator(`form[data-action="${action}"]`);
  await form.locator('xpath=..').locator('summary').click();
  for (const [id, value] of Object.entries(fields)) {
    const field = page.locator(`#${action}-${id}`);
    if (await field.evaluate((el) => el.tagName) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await form.locator('button[type=submit]').click();
  await page.waitForLoadState();
}

async function stageOf(page) {
  return (await page.locator('#stage-name').textContent()).trim();
}

async function focusToClosure(browser, base) {
  // The complainant files a complaint; a first try without a description is refused, keeping what
  // was typed.
  const complainant = await (await browser.newContext()).newPage();
  await complainant.goto(`${base}/`);
  await visit(complainant, 'home', { shot: true });
  await complainant.click('a[href="/focus/klacht"]');
  await visit(complainant, 'complaint-form', { shot: true });
  await complainant.fill('#subject', 'Coach kwam niet');
  await complainant.fill('#name', 'Jan de Vries');
  await complainant.click('button[type=submit].primary');
  assert.match(await complainant.locator('#errors').textContent(), /Beschrijf wat er is gebeurd/);
  // After a failed submit the error summary has the focus; Focus offers one kind, so no radio.
  assert.equal(await complainant.evaluate(() => document.activeElement?.id), 'errors');
  assert.equal(await complainant.locator('input[name=kind][type=radio]').count(), 0);
  assert.equal(await complainant.inputValue('#subject'), 'Coach kwam niet');
  await visit(complainant, 'complaint-form-errors', { shot: true });
  await complainant.fill('#description', 'De coach kwam twee keer niet opdagen bij de afspraak op maandag.');
  await complainant.fill('#wish', 'Een nieuwe afspraak en een excuus.');
  await complainant.fill('#email', 'jan@example.nl');
  await complainant.setInputFiles('#attachments', { name: 'afspraak.txt', mimeType: 'text/plain', buffer: Buffer.from('Afspraak maandag 10:00') });
  await complainant.click('button[type=submit].primary');
  await complainant.waitForURL(/\/bevestiging$/);
  await visit(complainant, 'confirmation', { shot: true });
  const reference = (await complainant.textContent('main')).match(/\d{4}-\d{6}/)[0];
  const portal = await complainant.getAttribute('#portal-link', 'href');
  await complainant.goto(`${base}${portal}`);
  assert.equal(await stageOf(complainant), 'Ontvangen');
  assert.match(await complainant.textContent('main'), /afspraak\.txt/);
  // Their own words as filed, the wish included, in words that suit them as well as staff.
  assert.match(await complainant.textContent('main'), /Gewenste uitkomst:\s*Een nieuwe afspraak en een excuus\./);
  assert.doesNotMatch(await complainant.textContent('main'), /Wat de klager wil/);
  await visit(complainant, 'portal', { shot: true });

  // The login page, and a wrong password.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`${base}/login`);
  await visit(stranger, 'login', { shot: true });
  await stranger.fill('#email', 'anna@focus.nl');
  await stranger.fill('#password', 'niet het wachtwoord');
  await stranger.click('button[type=submit].primary');
  assert.match(await stranger.textContent('#login-error'), /klopt niet/);
  await visit(stranger, 'login-failed');
  // A forgotten password: a link by e-mail, the same answer for any address.
  await stranger.click('a[href="/wachtwoord-vergeten"]');
  await stranger.fill('#email', 'iemand@example.nl');
  await stranger.click('button[type=submit].primary');
  assert.match(await stranger.textContent('main [role=status]'), /Als er een account is met het adres iemand@example\.nl/);
  await visit(stranger, 'password-forgot');

  // The manager assigns Karin as handler.
  const anna = await login(browser, base, 'focus', 'anna@focus.nl');
  await visit(anna, 'dashboard', { shot: true });
  await anna.goto(`${base}/werk/zaken`);
  await visit(anna, 'register', { shot: true });
  assert.match(await anna.textContent('table.register'), new RegExp(reference));
  await anna.goto(`${base}/werk/post`);
  await visit(anna, 'post');
  // Anna reads her notices in one overview a day.
  await anna.goto(`${base}/werk/instellingen`);
  await anna.check('#notices-daily');
  await anna.click('button[type=submit].primary');
  assert.match(await anna.textContent('main [role=status]'), /opgeslagen/);
  assert.equal(await anna.isChecked('#notices-daily'), true);
  await visit(anna, 'settings');
  await anna.goto(`${base}/werk/zaken/${reference}`);
  await visit(anna, 'case', { shot: true });
  await act(anna, 'assign', { handler: 'karin@focus.nl' });
  assert.equal(await stageOf(anna), 'In behandeling');
  assert.equal((await anna.textContent('#handler')).trim(), 'Karin Smit');
  assert.match(await anna.textContent('ol.timeline'), /Afhandelaar aanwijzen, door Anna de Boer. De zaak is nu: In behandeling./);
  // Anna corrects the complainant's phone number, which the form did not ask: on the timeline by
  // the field's name.
  await anna.click('#gegevens summary');
  await anna.fill('#fix-phone', '06-12345678');
  await visit(anna, 'case-correction');
  await anna.click('#gegevens button[type=submit]');
  await anna.waitForURL(/gecorrigeerd=1/);
  assert.match(await anna.textContent('main [role=status]'), /De gegevens zijn gecorrigeerd/);
  assert.match(await anna.textContent('ol.timeline'), /Anna de Boer corrigeerde de gegevens: telefoonnummer van de klager\./);

  // Jan files the same complaint again; Anna merges the second into the first, which the form offers
  // as the same complainant's open case.
  await complainant.goto(`${base}/focus/klacht`);
  await complainant.fill('#subject', 'Coach kwam weer niet');
  await complainant.fill('#description', 'Ik meld het nog een keer: de coach kwam niet.');
  await complainant.fill('#name', 'Jan de Vries');
  await complainant.fill('#email', 'jan@example.nl');
  await complainant.click('button[type=submit].primary');
  await complainant.waitForURL(/\/bevestiging$/);
  const again = (await complainant.textContent('main')).match(/\d{4}-\d{6}/)[0];
  const againPortal = await complainant.getAttribute('#portal-link', 'href');
  await anna.goto(`${base}/werk/zaken/${again}`);
  await anna.click('#samenvoegen summary');
  await anna.check(`#merge-${reference}`);
  await anna.check('#merge-confirm');
  await visit(anna, 'case-merge', { shot: true });
  await anna.click('#samenvoegen button[type=submit]');
  await anna.waitForURL(/samengevoegd=1/);
  assert.match(await anna.textContent('#merged-into'), new RegExp(`Deze zaak is samengevoegd met zaak ${reference}`));
  await visit(anna, 'case-merged');
  await anna.click(`#merged-into a[href="/werk/zaken/${reference}"]`);
  assert.match(await anna.textContent('#merged-from'), new RegExp(again));
  assert.match(await anna.textContent('#gesprek'), new RegExp(`Samengevoegd uit zaak ${again} \\(dubbele melding\\)`));
  await complainant.goto(`${base}${againPortal}`);
  assert.match(await complainant.textContent('#merged-into'), new RegExp(`samen met melding ${reference}`));
  await visit(complainant, 'portal-merged');
  await complainant.goto(`${base}${portal}`);

  // A complaint phoned in about Piet: assigning Piet is refused by the procedure (003 §Werkwijze 1).
  await anna.goto(`${base}/werk/nieuw`);
  await visit(anna, 'staff-intake', { shot: true });
  await anna.selectOption('#channel', 'phone');
  await anna.fill('#subject', 'Onvriendelijk te woord gestaan');
  await anna.fill('#description', 'De klant belde: Piet was onvriendelijk aan de telefoon.');
  await anna.fill('#name', 'Mevrouw Bakker');
  await anna.fill('#phone', '020-1234567');
  await anna.check('input[name=about][value="piet@focus.nl"]');
  await anna.click('button[type=submit].primary');
  await anna.waitForURL(/\/werk\/zaken\/\d{4}-\d{6}$/);
  const phoned = anna.url().match(/\d{4}-\d{6}$/)[0];
  await act(anna, 'assign', { handler: 'piet@focus.nl' });
  const refusal = await anna.textContent('#action-error');
  // In words: the rule, what to do instead, and the article of the regulation as a link.
  assert.match(refusal, /Dit kan niet volgens de klachtenregeling: De afhandelaar van de klacht is nooit degene/);
  assert.match(refusal, /Piet Jansen is degene over wie de klacht gaat/);
  assert.doesNotMatch(refusal, /handler_not_subject/);
  const article = await anna.getAttribute('#action-error a', 'href');
  assert.match(article, /^\/focus\/procedure#artikel-\d+-\d+$/);
  assert.equal(await stageOf(anna), 'Ontvangen');
  await visit(anna, 'case-refusal', { shot: true });
  // Anna judges it urgent and sends it on to Karin with a note instead (002 §B).
  await anna.click('#doorsturen summary');
  await anna.fill('#urgency-note', 'Mevrouw Bakker is erg overstuur.');
  await anna.click('form[action$="/urgentie"] button[type=submit]');
  await anna.waitForURL(/urgentie=1/);
  assert.match(await anna.textContent('#urgent'), /urgent/);
  await anna.click('#doorsturen summary');
  await anna.selectOption('#forward-to', 'karin@focus.nl');
  await anna.fill('#forward-note', 'Graag vandaag terugbellen.');
  await visit(anna, 'case-forward');
  await anna.click('form[action$="/doorsturen"] button[type=submit]');
  await anna.waitForURL(/doorgestuurd=1/);
  assert.equal((await anna.textContent('#handler')).trim(), 'Karin Smit');
  assert.match(await anna.textContent('ol.timeline'), /Anna de Boer stuurde de zaak door naar Karin Smit\. Toelichting: Graag vandaag terugbellen\./);

  // The register finds a case by the complainant's name, by the beginning of a word and by its
  // reference (or only its number).
  const found = async (text) => {
    await anna.goto(`${base}/werk/zaken`);
    await anna.fill('#q', text);
    await anna.click('form.filters button[type=submit]');
    return anna.locator('table.register tbody tr td:first-child').allTextContents();
  };
  assert.deepEqual(await found('bakker'), [phoned]);
  assert.deepEqual(await found('onvriendel'), [phoned]);
  assert.deepEqual(await found(reference), [reference]);
  assert.deepEqual(await found(String(Number(reference.slice(5)))), [reference]);
  await visit(anna, 'register-search');

  // A conversation: the complainant writes, with a photo; Karin, the handler, finds it new on her
  // dashboard and on the case page, replies, and the complainant reads the reply in the portal.
  await complainant.reload();
  await complainant.fill('#message', 'Ik ben overdag bereikbaar op 06-12345678.');
  await complainant.setInputFiles('#file', { name: 'agenda.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') });
  await complainant.click('form[action$="/bericht"] button[type=submit]');
  await complainant.waitForURL(/gedaan=1/);
  const karin = await login(browser, base, 'focus', 'karin@focus.nl');
  assert.match(await karin.textContent('section[aria-labelledby=list-new-messages]'), new RegExp(`${reference}.*1 nieuw`));
  await karin.click(`a[href="/werk/zaken/${reference}#gesprek"]`);
  // New to her: the complainant's message, and Anna's note of the duplicate merged in.
  assert.equal(await karin.locator('#gesprek li.from-complainant .badge.new').count(), 1);
  assert.equal(await karin.locator('#gesprek li.internal .badge.new').count(), 1);
  assert.match(await karin.textContent('#gesprek li.from-complainant'), /overdag bereikbaar[\s\S]*Bijlagen: agenda\.png/);
  await karin.fill('#message', 'Dank u. Ik bel u morgenochtend.');
  await karin.check('#vis-shared');
  await karin.click('#gesprek form button[type=submit]');
  await karin.waitForURL(/gedaan=1/);
  assert.equal(await karin.locator('#gesprek .badge.new').count(), 0);
  assert.match(await karin.textContent('#gesprek ol.thread'), /Karin Smit[\s\S]*Dank u\. Ik bel u morgenochtend\./);
  await visit(karin, 'case-thread', { shot: true });
  await complainant.reload();
  assert.match(await complainant.textContent('#berichten ol.thread'), /U ·[\s\S]*overdag bereikbaar[\s\S]*Wij ·[\s\S]*Ik bel u morgenochtend/);
  assert.doesNotMatch(await complainant.textContent('#berichten'), /Karin/);
  await visit(complainant, 'portal-thread');

  // Karin contacts the complainant and makes an offer.
  await karin.goto(`${base}/werk/zaken/${reference}`);
  await act(karin, 'contact', { contact_method: 'telefonisch' });
  await act(karin, 'offer', { verdict: 'gegrond', compensation: 'genoegdoening', offer: 'Een nieuwe afspraak deze week, met excuses.' });
  assert.equal(await stageOf(karin), 'Aanbod gedaan');
  // What she agreed with Jan is recorded (003 §Werkwijze 4), shown to him, and marked done.
  await karin.click('#nieuwe-afspraak summary');
  await karin.fill('#commitment-what', 'Een nieuwe afspraak met de coach, deze week.');
  const today = await karin.getAttribute('#commitment-due', 'min');
  const due = new Date(Date.parse(today) + 7 * 86400000).toISOString().slice(0, 10);
  await karin.fill('#commitment-due', due);
  await visit(karin, 'case-commitment-form');
  await karin.click('#nieuwe-afspraak button[type=submit]');
  await karin.waitForURL(/afspraak=1/);
  assert.match(await karin.textContent('#afspraken'), /Een nieuwe afspraak met de coach, deze week\.[\s\S]*Uitvoerder: Karin Smit[\s\S]*loopt/);
  await visit(karin, 'case-commitment', { shot: true });
  await complainant.reload();
  assert.match(await complainant.textContent('#afspraken'), /Een nieuwe afspraak met de coach, deze week\.: loopt/);
  assert.doesNotMatch(await complainant.textContent('#afspraken'), /Karin/);
  await visit(complainant, 'portal-commitment');
  await karin.click('#afspraak-1 details summary');
  await karin.fill('#note-1', 'Afspraak staat voor donderdag.');
  await karin.click('#afspraak-1 button[type=submit]');
  await karin.waitForURL(/afspraak=1/);
  assert.match(await karin.textContent('#afspraak-1'), /nagekomen/);

  // The complainant accepts the offer in the portal, where the confirming letter is.
  await complainant.reload();
  assert.equal(await stageOf(complainant), 'Aanbod gedaan');
  // The offer is shown above the buttons that answer it, which speak in the complainant's voice.
  assert.match(await complainant.textContent('section[aria-labelledby=response-heading]'), /Een nieuwe afspraak deze week, met excuses\./);
  assert.equal((await complainant.textContent('form.action:has(input[value=accept]) button[type=submit]')).trim(), 'Ik ga akkoord met het voorstel');
  await visit(complainant, 'portal-offer', { shot: true });
  await complainant.selectOption('#accept-satisfaction', 'tevreden');
  await complainant.locator('form.action:has(input[value=accept]) button[type=submit]').click();
  await complainant.waitForURL(/gedaan=1/);
  assert.equal(await stageOf(complainant), 'Afgehandeld');

  // Karin records the complaint form; the quality manager closes the case.
  await karin.reload();
  await act(karin, 'record', { summary: 'Afspraak gemist; nieuwe afspraak gemaakt.', cause: 'planning of agenda', cause_detail: 'Agenda niet bijgewerkt', nature: 'incident' });
  assert.equal(await stageOf(karin), 'Vastgelegd');
  // E-Synergy is linked (003 §Afsluiten klacht): the administrator subscribes it to closings; the
  // quality manager closes without the reference, and the close waits for E-Synergy's answer.
  const { erp, received, url: erpUrl } = await startErp();
  const linker = await login(browser, base, 'focus', 'beheer@focus.nl');
  await linker.goto(`${base}/werk/beheer`);
  await linker.click('#webhooks-link');
  await visit(linker, 'webhooks');
  await linker.fill('#webhook-url', erpUrl);
  await linker.fill('#webhook-description', 'E-Synergy');
  await linker.check('#event-case-closing');
  await linker.check('#event-case-closed');
  await linker.click('form[action="/werk/beheer/koppelingen"] button[type=submit]');
  assert.match(await linker.textContent('main [role=status]'), /De koppeling is toegevoegd/);
  assert.match(await linker.textContent('#webhook-secret'), /^[0-9a-f]{64}$/);
  const els = await login(browser, base, 'focus', 'els@focus.nl');
  await els.goto(`${base}/werk/zaken/${reference}`);
  await act(els, 'close', { erp_reference: '' });
  assert.match(await els.textContent('#wachtend'), /‘Afsluiten’ wacht op ‘Registratie in E-Synergy’/);
  await visit(els, 'case-held', { shot: true });
  for (let i = 0; i < 50 && await stageOf(els) !== 'Afgesloten'; ++i) {
    await new Promise((r) => setTimeout(r, 200));
    await els.reload();
  }
  assert.equal(await stageOf(els), 'Afgesloten');
  assert.match(await els.textContent('ol.timeline'), /Afsluiten, door /);
  await linker.reload();
  for (let i = 0; i < 50 && received.length < 2; ++i) await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(received.map((r) => r.event), ['case.closing', 'case.closed']);
  assert.equal(received[1].body.case.reference, reference);
  await linker.reload();
  assert.match(await linker.textContent('#webhook-log'), /aangekomen op .* \(HTTP 200\) Antwoord: ES-2027-0042/);
  await visit(linker, 'webhook', { shot: true });
  // Linked only for this scenario: the others close as before.
  await linker.click('form[action$="/verwijderen"] button[type=submit]');
  erp.close();
  await complainant.reload();
  assert.equal(await stageOf(complainant), 'Afgesloten');
  await visit(complainant, 'portal-closed', { shot: true });

  // The quality manager opens this year's report: the closed complaint is counted with its verdict,
  // in tables with charts beside them.
  await els.click('nav a[href="/werk/rapportages"]');
  await visit(els, 'reports', { shot: true });
  await els.click('ul.periods a >> nth=0');
  assert.match(await els.textContent('h1'), /^Rapportage /);
  assert.match(await els.textContent('table#by-verdict'), /gegrond\s*1/);
  assert.ok(await els.locator('figure svg[role=img] title').count() >= 2);
  await visit(els, 'report', { shot: true });
  // The same report as an Excel workbook.
  const workbook = await els.request.get(new URL(await els.getAttribute('a[href$="rapportage.xlsx"]', 'href'), els.url()).href);
  assert.equal(workbook.status(), 200);
  assert.equal(workbook.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal((await workbook.body()).subarray(0, 2).toString(), 'PK');
  // And as a PDF to print or send.
  const printable = await els.request.get(new URL(await els.getAttribute('a[href$="rapportage.pdf"]', 'href'), els.url()).href);
  assert.equal(printable.status(), 200);
  assert.equal(printable.headers()['content-type'], 'application/pdf');
  assert.equal((await printable.body()).subarray(0, 5).toString(), '%PDF-');
  // Its version to publish hides numbers under 5 (002 §Registratie 5).
  await els.click('a[href$="/publicatie"]');
  assert.match(await els.textContent('main'), /×/);
  assert.doesNotMatch(await els.textContent('main'), /Agenda niet bijgewerkt/);
  await visit(els, 'report-publication', { shot: true });

  // The lesson becomes an improvement measure: proposed from the case, decided by the quality
  // manager (policies/focus.toml [measures]), in the register and on the case.
  await els.goto(`${base}/werk/zaken/${reference}`);
  await els.click('#maatregelen a[href*="/werk/maatregelen/nieuw"]');
  assert.equal(await els.inputValue('#measure-cases'), reference);
  await els.fill('#measure-title', 'Coaches delen hun agenda met het secretariaat');
  await els.fill('#measure-reason', 'Een afspraak stond alleen in de eigen agenda van de coach.');
  await els.check('input[name=causes][value="planning of agenda"]');
  await els.selectOption('#measure-owner', 'karin@focus.nl');
  await els.fill('#measure-due', '2027-06-30');
  await visit(els, 'measure-new');
  await els.click('form[action="/werk/maatregelen/nieuw"] button[type=submit]');
  await els.waitForURL(/voorgesteld=1/);
  await els.click('form.action:has(input[value=decide]) button[type=submit]');
  await els.waitForURL(/gedaan=1/);
  assert.equal((await els.textContent('#measure-status')).trim(), 'besloten');
  await visit(els, 'measure', { shot: true });
  await els.click('nav a[href="/werk/maatregelen"]');
  assert.match(await els.textContent('#open-measures'), /Coaches delen hun agenda met het secretariaat/);
  await visit(els, 'measures', { shot: true });
  await els.goto(`${base}/werk/zaken/${reference}`);
  assert.match(await els.textContent('#case-measures'), /Maatregel 1/);

  // Jan asks what Focus keeps about him (GDPR art. 15): the quality manager, who sees every case,
  // registers the request, finds his cases, downloads them as one ZIP and records the answer.
  await els.goto(`${base}/werk/bewaartermijn`);
  await els.click('#subject-requests-link');
  await visit(els, 'subject-requests');
  await els.fill('#subject-name', 'Jan de Vries');
  await els.fill('#subject-email', 'jan@example.nl');
  await els.click('form[action="/werk/bewaartermijn/verzoeken"] button[type=submit]');
  await els.waitForURL(/\/werk\/bewaartermijn\/verzoeken\/\d+$/);
  assert.match(await els.textContent('#subject-cases'), new RegExp(reference));
  assert.match(await els.textContent('#subject-deadline'), /nog \d+ dagen/);
  const archive = await els.request.get(new URL(await els.getAttribute('#subject-export', 'href'), els.url()).href);
  assert.equal(archive.status(), 200);
  assert.equal(archive.headers()['content-type'], 'application/zip');
  assert.equal((await archive.body()).subarray(0, 2).toString(), 'PK');
  await visit(els, 'subject-request', { shot: true });
  await els.check('input[name=outcome][value=granted]');
  await els.fill('#decision-text', 'Gegevens per e-mail verstrekt.');
  await els.click('form[action$="/besluit"] button[type=submit]');
  assert.equal((await els.textContent('#subject-status')).trim(), 'toegewezen');
  assert.match(await els.textContent('#subject-decision'), /Gegevens per e-mail verstrekt/);

  // The register's selection as CSV.
  const csv = await anna.request.get(`${base}/werk/zaken.csv`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), new RegExp(`"${reference}"`));

  // The administrator's page, and the procedure page with its diagram.
  const admin = await login(browser, base, 'focus', 'beheer@focus.nl');
  await admin.goto(`${base}/werk/beheer`);
  await visit(admin, 'admin', { shot: true });
  await admin.setInputFiles('#procedure-file', { name: 'kapot.toml', mimeType: 'application/toml', buffer: Buffer.from('[meta]\nid = 3\n') });
  await admin.click('form[action="/werk/beheer/procedure"] button[type=submit]');
  assert.match(await admin.textContent('#admin-error'), /kapot\.toml/);
  // Another organisation's procedure file is refused; Focus's own new version is compared with the
  // one in force and goes live only when the administrator confirms it.
  await admin.setInputFiles('#procedure-file', path.join(root, 'policies/mos.toml'));
  await admin.click('form[action="/werk/beheer/procedure"] button[type=submit]');
  assert.match(await admin.textContent('#admin-error'), /niet die van Focus/);
  const focusV2 = readFileSync(path.join(root, 'policies/focus.toml'), 'utf8')
    .replace('name = "Contact met de klager"\nperiod = "2 werkdagen"', 'name = "Contact met de klager"\nperiod = "3 werkdagen"');
  await admin.setInputFiles('#procedure-file', { name: 'focus-v2.toml', mimeType: 'application/toml', buffer: Buffer.from(focusV2) });
  await admin.click('form[action="/werk/beheer/procedure"] button[type=submit]');
  assert.match(await admin.textContent('main'), /binnen 3 werkdagen na ontvangst/);
  await visit(admin, 'procedure-version', { shot: true });
  await admin.click('form[action="/werk/beheer/procedure/2/activeren"] button[type=submit]');
  assert.match(await admin.textContent('main'), /Versie 2 is in gebruik genomen/);
  // Mail in: the address replies come back to, on a page of its own.
  await admin.goto(`${base}/werk/beheer`);
  await admin.click('a[href="/werk/beheer/mail-in"]');
  await admin.fill('#mail-in', 'klachten@focus.nl');
  await admin.click('form[action="/werk/beheer/mail-in/adres"] button[type=submit]');
  assert.match(await admin.textContent('main'), /Het adres voor binnenkomende e-mail is opgeslagen/);
  assert.equal(await admin.inputValue('#mail-in'), 'klachten@focus.nl');
  await visit(admin, 'mail-in', { shot: true });
  await admin.goto(`${base}/werk/beheer`);
  // Piet leaves: the administrator disables his account, and his login no longer works.
  await admin.click('a:text("Piet Jansen")');
  await visit(admin, 'person', { shot: true });
  await admin.click('form[action$="/status"] button[type=submit]');
  assert.match(await admin.textContent('main'), /Uitgeschakeld/);
  const piet = await (await browser.newContext()).newPage();
  await piet.goto(`${base}/login`);
  await piet.selectOption('#org', 'focus');
  await piet.fill('#email', 'piet@focus.nl');
  await piet.fill('#password', password);
  await piet.click('button[type=submit].primary');
  assert.match(await piet.textContent('#login-error'), /klopt niet/);
  await complainant.goto(`${base}/focus/procedure`);
  assert.ok(await complainant.locator('figure.diagram svg').count() === 1);
  await visit(complainant, 'procedure', { shot: true });
  return { secondFocusCase: phoned };
}

async function mosWithdrawal(browser, base, focus) {
  const complainant = await (await browser.newContext()).newPage();
  await complainant.goto(`${base}/mos/klacht?lang=en`);
  assert.match(await complainant.textContent('h1'), /Complaint or question about/);
  await visit(complainant, 'complaint-form-en', { shot: true });
  await complainant.goto(`${base}/mos/klacht?lang=nl`);
  await complainant.check('#kind-complaint');
  await complainant.fill('#subject', 'Rooster niet doorgegeven');
  await complainant.fill('#description', 'Het nieuwe rooster is mij niet op tijd gemeld.');
  await complainant.fill('#name', 'Fatima El Amrani');
  await complainant.fill('#email', 'fatima@example.nl');
  await complainant.click('button[type=submit].primary');
  await complainant.waitForURL(/\/bevestiging$/);
  const reference = (await complainant.textContent('main')).match(/\d{4}-\d{6}/)[0];
  await complainant.click('#portal-link');
  // Withdrawing in the portal is written: the portal does not ask how.
  assert.equal(await complainant.locator('#withdraw-how').count(), 0);
  await complainant.locator('form.action:has(input[value=withdraw]) button[type=submit]').click();
  await complainant.waitForURL(/gedaan=1/);
  assert.equal(await stageOf(complainant), 'Ingetrokken');
  await visit(complainant, 'portal-withdrawn', { shot: true });

  const secretary = await login(browser, base, 'mos', 'secretaris@mos.nl');
  await secretary.goto(`${base}/werk/zaken/${reference}`);
  assert.equal(await stageOf(secretary), 'Ingetrokken');
  // Another organisation's case is not there for her: Focus has a second case, M.O.S. has one.
  const other = await secretary.goto(`${base}/werk/zaken/${focus.secondFocusCase}`);
  assert.equal(other.status(), 404);

  // A parent phones about Oink!'s childcare, which has its own regulation (002 §Toepassingsgebied):
  // registered, and the case says where the complainant goes; no deadline runs.
  await secretary.goto(`${base}/werk/nieuw`);
  await secretary.selectOption('#kind', 'complaint');
  await secretary.selectOption('#channel', 'phone');
  await secretary.selectOption('#unit', 'oink');
  await secretary.fill('#subject', 'Groep onderbezet');
  await secretary.fill('#description', 'Op de groep van haar zoon stond vorige week twee keer één leidster.');
  await secretary.fill('#name', 'Els Bakker');
  await secretary.fill('#phone', '06-22334455');
  await secretary.click('button[type=submit].primary');
  await secretary.waitForURL(/\/werk\/zaken\/\d{4}-\d{6}$/);
  assert.match(await secretary.textContent('#referral'), /valt niet onder deze klachtenregeling, maar onder de klachtenregeling voor klanten van Oink!/);
  assert.equal(await stageOf(secretary), 'Doorverwezen naar de klachtenregeling van Oink!');
  await visit(secretary, 'case-referred', { shot: true });
}

// A daughter files for her father; in the portal she takes the complaint to the complaints
// committee (M.O.S. allows the complainant that step), which advises, and the director decides.
async function mosEscalation(browser, base) {
  const daughter = await (await browser.newContext()).newPage();
  await daughter.goto(`${base}/mos/klacht`);
  await daughter.check('#kind-complaint');
  await daughter.fill('#subject', 'Zorg niet geleverd');
  await daughter.fill('#description', 'De afgesproken begeleiding van mijn vader is drie weken niet geleverd.');
  await daughter.fill('#name', 'Henk de Groot');
  await daughter.fill('#representative_name', 'Anja de Groot');
  await daughter.fill('#representative_relation', 'dochter');
  await daughter.fill('#representative_email', 'anja@example.nl');
  await daughter.click('button[type=submit].primary');
  await daughter.waitForURL(/\/bevestiging$/);
  const reference = (await daughter.textContent('main')).match(/\d{4}-\d{6}/)[0];
  await daughter.click('#portal-link');
  assert.equal(await stageOf(daughter), 'Interne klachtafhandeling');
  await daughter.fill('#escalate-reason', 'Het gesprek met de leidinggevende heeft niets opgeleverd.');
  await daughter.locator('form.action:has(input[value=escalate]) button[type=submit]').click();
  await daughter.waitForURL(/gedaan=1/);
  assert.equal(await stageOf(daughter), 'Bij de Klachtencommissie');
  await visit(daughter, 'portal-escalated', { shot: true });

  const committee = await login(browser, base, 'mos', 'commissie@mos.nl');
  await committee.goto(`${base}/werk/zaken/${reference}`);
  assert.match(await committee.textContent('main'), /Anja de Groot \(dochter\)/);
  await act(committee, 'advise', { advice: 'De begeleiding is niet geleverd zoals afgesproken.', verdict: 'gegrond' });
  assert.equal(await stageOf(committee), 'Advies uitgebracht');
  await visit(committee, 'case-committee', { shot: true });
  const director = await login(browser, base, 'mos', 'directeur@mos.nl');
  await director.goto(`${base}/werk/zaken/${reference}`);
  await act(director, 'decide', { decision: 'Het advies wordt overgenomen; de begeleiding wordt ingehaald.',
                                  cause: 'communicatie', cause_detail: 'Roosterwijziging niet doorgegeven', nature: 'incident' });
  assert.equal(await stageOf(director), 'Afgehandeld');
  await daughter.reload();
  assert.equal(await stageOf(daughter), 'Afgehandeld');
}

// Each of the five organisations: a complainant files on the public form and writes in the portal;
// a member of staff who sees every case finds the new message on the dashboard, finds the case in
// the register by the complainant's name and by its reference, and replies; the complainant reads
// the reply in the portal's thread.
async function fiveOrganisationsConverse(browser, base) {
  for (const [org, staff] of [['focus', 'anna@focus.nl'], ['mos', 'secretaris@mos.nl'], ['eenloket', 'partner@eenloketmk.nl'],
                              ['gelukwerkt', 'olga@gelukwerkt.nl'], ['mmeam', 'kvc@mmeam.nl']]) {
    const complainant = await (await browser.newContext()).newPage();
    await complainant.goto(`${base}/${org}/klacht`);
    const kinds = complainant.locator('input[name=kind][type=radio]');
    if (await kinds.count() > 0) await complainant.check('input[name=kind][value=complaint]');
    await complainant.fill('#subject', `Niet teruggebeld door ${org}`);
    await complainant.fill('#description', 'Ik werd beloofd teruggebeld te worden, maar niemand belde.');
    await complainant.fill('#name', 'Lotte Lindeman');
    await complainant.fill('#email', `lotte.${org}@example.nl`);
    await complainant.click('button[type=submit].primary');
    await complainant.waitForURL(/\/bevestiging$/, { timeout: 10000 }).catch(async () => {
      throw new Error(`${org}: the form was refused: ${await complainant.textContent('main')}`);
    });
    const reference = (await complainant.textContent('main')).match(/\d{4}-\d{6}/)[0];
    await complainant.click('#portal-link');
    await complainant.fill('#message', 'Ik ben bereikbaar op 06-11223344, liefst na drie uur.');
    await complainant.click('form[action$="/bericht"] button[type=submit]');
    await complainant.waitForURL(/gedaan=1/);

    const page = await login(browser, base, org, staff);
    assert.match(await page.textContent('section[aria-labelledby=list-new-messages]'), new RegExp(`${reference}.*1 nieuw`), org);
    const found = async (text) => {
      await page.goto(`${base}/werk/zaken`);
      await page.fill('#q', text);
      await page.click('form.filters button[type=submit]');
      return page.locator('table.register tbody tr td:first-child').allTextContents();
    };
    assert.deepEqual(await found('Lindeman'), [reference], `${org}: by name`);
    assert.deepEqual(await found(reference), [reference], `${org}: by reference`);
    await page.click(`table.register a[href="/werk/zaken/${reference}"]`);
    assert.equal(await page.locator('#gesprek .badge.new').count(), 1, org);
    await page.fill('#message', 'Wij bellen u morgen na drie uur.');
    await page.check('#vis-shared');
    await page.click('#gesprek form button[type=submit]');
    await page.waitForURL(/gedaan=1/);
    await visit(page, `case-thread-${org}`);
    await complainant.reload();
    assert.match(await complainant.textContent('#berichten ol.thread'), /Wij ·[\s\S]*Wij bellen u morgen na drie uur\./, org);
    await visit(complainant, `portal-thread-${org}`);
    await complainant.context().close();
  }
}

// Takes a case in at the desk (/werk/nieuw) as the logged-in member of staff; answers its reference.
async function registerAtTheDesk(page, base, { kind, channel, subject, description, name, email, address, keepDate }) {
  if (!keepDate) await page.goto(`${base}/werk/nieuw`);
  await page.selectOption('#kind', kind);
  await page.selectOption('#channel', channel);
  await page.fill('#subject', subject);
  await page.fill('#description', description);
  await page.fill('#name', name);
  if (email) await page.fill('#email', email);
  if (address) await page.fill('#address', address);
  await page.click('button[type=submit].primary');
  await page.waitForURL(/\/werk\/zaken\/\d{4}-\d{6}$/);
  return page.url().match(/\d{4}-\d{6}$/)[0];
}

// An employee of each of the other three organisations registers what reached them and takes the
// step their procedure gives them: Een Loket MK's employee confirms receipt (004 §Artikel 1 and 4),
// Gelukwerkt's employee points the client who is not satisfied to the formal complaint form (001
// §Procedure 2-3), and Mensen met een Missie's employee, made handler by the coordinator, confirms
// and answers a question (000 §Procedure 1-3).
async function employeesRegisterAndAct(browser, base) {
  const anouk = await login(browser, base, 'eenloket', 'anouk@eenloketmk.nl');
  await registerAtTheDesk(anouk, base, { kind: 'complaint', channel: 'email', subject: 'Aangifte te laat',
    description: 'De klant mailt dat zijn aangifte te laat is ingediend en hij een boete kreeg.',
    name: 'Peter Mulder', email: 'p.mulder@example.nl' });
  assert.equal(await stageOf(anouk), 'Geregistreerd');
  await act(anouk, 'acknowledge');
  assert.match(await anouk.textContent('section[aria-labelledby=thread-heading]'), /Ontvangstbevestiging/);
  await visit(anouk, 'case-een-loket-employee', { shot: true });

  const lisa = await login(browser, base, 'gelukwerkt', 'lisa@gelukwerkt.nl');
  await registerAtTheDesk(lisa, base, { kind: 'dissatisfaction', channel: 'phone', subject: 'Coach kwam niet',
    description: 'De klant belt: de coach kwam twee keer niet opdagen. Het gesprek loste het niet op.',
    name: 'Fatima Yilmaz', email: 'f.yilmaz@example.nl' });
  await act(lisa, 'refer');
  assert.equal(await stageOf(lisa), 'Verwezen naar formele melding');
  // Informal dissatisfaction has no deadlines: the page says so instead of showing an empty table.
  assert.match(await lisa.textContent('section[aria-labelledby=deadlines-heading]'), /Voor deze zaak gelden geen termijnen/);
  // The letter links the complaint form by its full address (serve's public address).
  assert.ok((await lisa.textContent('section[aria-labelledby=thread-heading]')).includes(`${base}/gelukwerkt/klacht`));
  await visit(lisa, 'case-gelukwerkt-employee', { shot: true });

  const ruud = await login(browser, base, 'mmeam', 'ruud@mmeam.nl');
  const question = await registerAtTheDesk(ruud, base, { kind: 'question', channel: 'phone',
    subject: 'Wanneer komt de jaarrapportage?', description: 'Een donateur vraagt wanneer de jaarrapportage verschijnt.',
    name: 'Joop Hendriks', email: 'j.hendriks@example.nl' });
  const kvc = await login(browser, base, 'mmeam', 'kvc@mmeam.nl');
  await kvc.goto(`${base}/werk/zaken/${question}`);
  await act(kvc, 'assign', { handler: 'ruud@mmeam.nl' });
  await ruud.reload();
  await act(ruud, 'acknowledge');
  assert.equal(await stageOf(ruud), 'In behandeling');
  await act(ruud, 'resolve', { answer: 'De jaarrapportage verschijnt in juni; wij sturen hem toe.', response: 'telefonisch' });
  assert.equal(await stageOf(ruud), 'Afgehandeld');
  await visit(ruud, 'case-mmeam-employee', { shot: true });
}

// Meldpunt acts by itself (issue 11): a phoned complaint registered a week late at Focus has
// missed its same-day report to the manager; within seconds the server's sweep mails Anna, and her
// dashboard lists the case as overdue. At Een Loket MK a letter writer without an e-mail address
// gets the acknowledgement on paper: the Post page prints the day's letters as one PDF, and once
// marked posted the case page says so.
async function deadlinePassesAndPostIsPrinted(browser, base, mail, work) {
  const anna = await login(browser, base, 'focus', 'anna@focus.nl');
  // Anna chose one overview a day earlier on; now she wants each notice at once.
  await anna.goto(`${base}/werk/instellingen`);
  await anna.check('#notices-immediate');
  await anna.click('main button[type=submit].primary');
  await anna.goto(`${base}/werk/nieuw`);
  const weekAgo = new Date(Date.now() - 7 * 86400e3).toISOString().slice(0, 10);
  await anna.fill('#received_on', weekAgo);
  const late = await registerAtTheDesk(anna, base, { kind: 'complaint', channel: 'phone', subject: 'Nooit teruggebeld',
    description: 'De klant belde vorige week al; niemand belde terug.', name: 'Gert Bakker', keepDate: true });
  let notice;
  for (let waited = 0; waited < 200 && !notice; ++waited) {
    notice = mailbox(mail).find((m) => m.includes(late) && /^To: .*anna@focus\.nl/m.test(m));
    if (!notice) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(notice, `no notice for ${late} reached anna@focus.nl`);
  assert.match(notice, /Termijn verstreken/);
  await anna.goto(`${base}/werk`);
  assert.match(await anna.textContent('section[aria-labelledby=list-overdue]'), new RegExp(late));

  const anouk = await login(browser, base, 'eenloket', 'anouk@eenloketmk.nl');
  const letter = await registerAtTheDesk(anouk, base, { kind: 'complaint', channel: 'letter', subject: 'Brief over de factuur',
    description: 'Mevrouw schrijft dat haar factuur twee keer hetzelfde bedrag noemt.', name: 'Truus Smit',
    address: 'Kerkstraat 12\n9999 ZZ Ergens' });
  await act(anouk, 'acknowledge');
  await anouk.goto(`${base}/werk/post`);
  assert.match(await anouk.textContent('main table'), new RegExp(letter));
  await visit(anouk, 'post-letters', { shot: true });
  const href = await anouk.getAttribute('a[href^="/werk/post/brieven.pdf"]', 'href');
  const pdf = await anouk.request.get(`${base}${href}`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const file = path.join(work, 'post.pdf');
  writeFileSync(file, await pdf.body());
  const printed = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.match(printed, /Truus Smit/);
  assert.match(printed, /Kerkstraat 12/);
  assert.match(printed, new RegExp(letter));
  await anouk.click('main button[type=submit].primary');
  assert.match(await anouk.textContent('main [role=status]'), /Als verstuurd gemarkeerd: 1/);
  await anouk.goto(`${base}/werk/zaken/${letter}`);
  assert.match(await anouk.textContent('main'), /per post verstuurd op/);
}

// Works on a phone: at 360 CSS pixels wide no page scrolls sideways (a wide table scrolls inside
// its own box), and every page still passes axe-core.
async function onAPhone(browser, base) {
  const width = 360;
  const phone = { viewport: { width, height: 740 }, isMobile: true, hasTouch: true };
  const fitsTheScreen = async (page, name) => {
    const overflow = (await page.evaluate(() => document.documentElement.scrollWidth)) - width;
    const wide = overflow <= 0 ? [] : await page.evaluate((w) => [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > w).slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + e.className : ''}`), width);
    assert.ok(overflow <= 0, `${name} is ${overflow}px wider than a phone's screen: ${wide.join(', ')}`);
    await visit(page, `${name}-phone`, { shot: true });
  };
  const complainant = await (await browser.newContext(phone)).newPage();
  await complainant.goto(`${base}/focus/klacht`);
  await fitsTheScreen(complainant, 'complaint-form');
  await complainant.fill('#subject', 'Wachttijd');
  await complainant.fill('#description', 'Ik wacht al zes weken op een intakegesprek.');
  await complainant.fill('#name', 'Noor Bakker');
  await complainant.fill('#email', 'noor@example.nl');
  await complainant.click('button[type=submit].primary');
  await complainant.waitForURL(/\/bevestiging$/);
  await fitsTheScreen(complainant, 'confirmation');
  await complainant.click('#portal-link');
  await fitsTheScreen(complainant, 'portal');

  const context = await browser.newContext(phone);
  const anna = await context.newPage();
  await anna.goto(`${base}/login`);
  await fitsTheScreen(anna, 'login');
  await anna.selectOption('#org', 'focus');
  await anna.fill('#email', 'anna@focus.nl');
  await anna.fill('#password', password);
  await anna.click('button[type=submit].primary');
  await anna.waitForURL(`${base}/werk`);
  await fitsTheScreen(anna, 'dashboard');
  await anna.goto(`${base}/werk/zaken`);
  await fitsTheScreen(anna, 'register');
  await anna.click('table.register a');
  await fitsTheScreen(anna, 'case');

  // The procedure's diagram on a phone: its labels are drawn at a legible size (at least 9 CSS
  // pixels for Graphviz's 14-point node labels), not shrunk to fit a wide drawing.
  await complainant.goto(`${base}/mos/procedure`);
  const scale = await complainant.evaluate(() => {
    const svg = document.querySelector('figure.diagram svg');
    return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  });
  assert.ok(scale * 14 >= 9, `the diagram's labels are ${(scale * 14).toFixed(1)}px on a phone`);
  await fitsTheScreen(complainant, 'procedure');
}

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'meldpunt-e2e-'));
  const db = path.join(work, 'meldpunt.db');
  setUp(db);
  const mail = path.join(work, 'mail');
  const { sink, url: smtp } = await startMailServer(mail);
  const { server, base } = await startServer(db, smtp);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  let failed = false;
  let focus = {};
  for (const [name, scenario] of [['Focus: filed on the web, to closure, with a refusal', focusToClosure],
                                  ['M.O.S.: filed on the web, withdrawn in the portal', mosWithdrawal],
                                  ['M.O.S.: filed by a representative, escalated to the committee, decided', mosEscalation],
                                  ['Een Loket MK, Gelukwerkt, Mensen met een Missie: an employee registers and acts', employeesRegisterAndAct],
                                  ['All five: filed on the web, a conversation, found by name and by reference', fiveOrganisationsConverse],
                                  ['A deadline passes: the manager is mailed and sees it; the day\'s post prints as one PDF', (b, u) => deadlinePassesAndPostIsPrinted(b, u, mail, work)],
                                  ['On a phone: the main pages fit a 360-pixel screen', onAPhone]]) {
    try {
      focus = (await scenario(browser, base, focus)) ?? focus;
      console.log(`ok    ${name}`);
    } catch (e) {
      failed = true;
      console.log(`FAIL  ${name}\n${e.stack}`);
    }
  }
  await browser.close();
  server.kill('SIGTERM');
  sink.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
  console.log(`pages checked with axe-core: ${checkedPages.length} (${checkedPages.join(', ')})`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
