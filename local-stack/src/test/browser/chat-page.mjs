// Browser check of the WhatsApp sandbox chat page (local-stack/src/main/resources/sandbox/chat.html),
// driven the way a person uses it: real headless Chromium, typing and clicking.
//
//   cd local-stack/src/test/browser && npm install && node chat-page.mjs
//
// Needs the local stack running (./tanya up). Environment:
//   SANDBOX_URL     sandbox base URL            (default http://localhost:8089)
//   CHROMIUM        Chromium executable         (default /usr/bin/chromium, Debian's package)
//   SCREENSHOT_DIR  where PNGs are written      (default <tmp>/tanya-chat-page)
//   ROW_TITLE       list row to choose          (default "Jam & lokasi layanan")
//   EXPECT_ROWS     rows expected in the list   (default 9)
//   ATTACHMENT_CHECK=1  also send a small PDF with the attach button (needs a sandbox with attachment support)
// Exit code 0 when every check passes, 1 otherwise.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SANDBOX_URL = (process.env.SANDBOX_URL || 'http://localhost:8089').replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR || join(tmpdir(), 'tanya-chat-page');
const ROW_TITLE = process.env.ROW_TITLE || 'Jam & lokasi layanan';
const EXPECT_ROWS = Number(process.env.EXPECT_ROWS || 9);
const ATTACHMENT_CHECK = process.env.ATTACHMENT_CHECK === '1';
const REPLY_TIMEOUT = 20000;
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];

let failures = 0;
function check(label, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${detail ? ' — ' + detail : ''}`);
  if (!ok) failures++;
  return ok;
}
async function attempt(label, fn) {
  try {
    const detail = await fn();
    return check(label, true, detail || '');
  } catch (e) {
    return check(label, false, String(e && e.message || e).split('\n')[0]);
  }
}
const freshNumber = () => '62819' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
const countLibrary = page => page.locator('.bubble.library').count();
const isLocal = url => url.startsWith(SANDBOX_URL) || url.startsWith('data:') || url.startsWith('blob:');

// A one-page PDF (valid xref), small enough to send quickly.
function smallPdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 14 Tf 24 72 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) pdf += `${String(at).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

// The attach button: a small PDF with the typed text as caption (only with ATTACHMENT_CHECK=1).
async function attachmentCheck(browser, { name, ...options }) {
  console.log(`\n== ${name}: attachment`);
  const context = await browser.newContext({ ...options, locale: 'id-ID' });
  const page = await context.newPage();
  const pageErrors = [];
  const external = [];
  page.on('pageerror', e => pageErrors.push(e.message));
  page.on('request', r => { if (!isLocal(r.url())) external.push(r.url()); });
  try {
    const number = freshNumber();
    if (!await attempt('page loads', async () => {
      const res = await page.goto(SANDBOX_URL + '/');
      if (!res || res.status() !== 200) throw new Error('HTTP ' + (res && res.status()));
    })) return;
    await page.fill('#patron-name', 'Sari Uji');
    await page.fill('#patron-number', number);
    await page.press('#patron-number', 'Enter');
    const caption = 'Lampiran uji otomatis';
    const filename = 'Uji-lampiran.pdf';
    const pdf = smallPdf('Tanya Pustaka: uji lampiran');
    await page.fill('#message-input', caption);
    const sendResponse = page.waitForResponse(r => r.url().startsWith(SANDBOX_URL + '/sandbox/send')
      && r.request().method() === 'POST', { timeout: REPLY_TIMEOUT });
    sendResponse.catch(() => {}); // awaited below; a timeout is reported there
    await attempt('attach button opens the file chooser', async () => {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser', { timeout: 5000 }),
        page.click('#attach-button'),
      ]);
      await chooser.setFiles({ name: filename, mimeType: 'application/pdf', buffer: pdf });
      return `${filename}, ${pdf.length} bytes`;
    });
    const bubble = page.locator('.bubble.patron.attachment').last();
    await attempt('attachment bubble with file name and caption', async () => {
      await bubble.waitFor({ timeout: 5000 });
      const text = (await bubble.innerText()).replace(/\s+/g, ' ');
      if (!text.includes(filename) || !text.includes(caption)) throw new Error(JSON.stringify(text));
      return JSON.stringify(text);
    });
    await attempt('composer cleared (text went as caption)', async () => {
      const v = await page.inputValue('#message-input');
      if (v !== '') throw new Error(`still holds "${v}"`);
    });
    await attempt('sandbox sent it: gatewayStatus 200', async () => {
      const res = await sendResponse;
      const sent = JSON.parse(res.request().postData() || '{}');
      const a = sent.attachment || {};
      if (a.filename !== filename || a.mimeType !== 'application/pdf' || a.caption !== caption
        || !Buffer.from(a.base64 || '', 'base64').equals(pdf)) {
        throw new Error('request: ' + JSON.stringify({ ...a, base64: (a.base64 || '').length + ' chars' }));
      }
      const data = await res.json();
      if (res.status() !== 200 || data.gatewayStatus !== 200) throw new Error(`HTTP ${res.status()} ${JSON.stringify(data)}`);
      return `${data.wamid}`;
    });
    await attempt('attachment ticks: accepted by the gateway', async () => {
      const ticks = bubble.locator('.ticks');
      await page.waitForFunction(t => ['delivered', 'read'].includes(t.dataset.status), await ticks.elementHandle(),
        { timeout: 5000 });
      return `status=${await ticks.getAttribute('data-status')}`;
    });
    await attempt('no horizontal overflow', async () => {
      const [sw, w] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      if (sw > w) throw new Error(`scrollWidth ${sw} > ${w}`);
    });
    const shot = join(SHOTS, `${name}-4-attachment.png`);
    await page.screenshot({ path: shot });
    check('no script errors on the page', pageErrors.length === 0, pageErrors.join(' | '));
    check('no requests outside the sandbox', external.length === 0, external.join(' '));
    console.log(`screenshot: ${shot}`);
  } finally {
    await context.close();
  }
}

async function run(browser, { name, ...options }) {
  console.log(`\n== ${name} ${options.viewport.width}x${options.viewport.height}`);
  const context = await browser.newContext({ ...options, locale: 'id-ID' });
  const page = await context.newPage();
  const pageErrors = [];
  const external = [];
  page.on('pageerror', e => pageErrors.push(e.message));
  page.on('request', r => { if (!isLocal(r.url())) external.push(r.url()); });
  try {
    const number = freshNumber();
    const patronName = 'Sari Uji';
    if (!await attempt('page loads', async () => {
      const res = await page.goto(SANDBOX_URL + '/');
      if (!res || res.status() !== 200) throw new Error('HTTP ' + (res && res.status()));
      return await page.title();
    })) return;

    await page.fill('#patron-name', patronName);
    await page.fill('#patron-number', number);
    await page.press('#patron-number', 'Enter'); // applies the number now instead of after the debounce
    await attempt('number applied', async () => {
      await page.waitForFunction(n => document.getElementById('chat-subtitle').textContent.includes(n), number,
        { timeout: 5000 });
      return '+' + number;
    });

    // A message typed and sent with the Kirim button.
    await page.fill('#message-input', 'halo kak');
    await page.click('#send-button');
    await attempt('patron bubble "halo kak"', async () => {
      await page.locator('.bubble.patron', { hasText: 'halo kak' }).waitFor({ timeout: 5000 });
    });
    await attempt('composer cleared', async () => {
      const v = await page.inputValue('#message-input');
      if (v !== '') throw new Error(`still holds "${v}"`);
    });
    const greeting = page.locator('.bubble.library').first();
    if (!await attempt('library reply with list opener', async () => {
      await greeting.locator('button.list-open').waitFor({ timeout: REPLY_TIMEOUT });
      return JSON.stringify((await greeting.locator('.text').first().innerText()).slice(0, 60) + '…');
    })) return;
    await attempt('reply time sits above the list button', async () => {
      const order = await greeting.evaluate(b => [...b.children].map(c => c.className.split(' ')[0]));
      if (order.indexOf('meta') > order.indexOf('list-open')) throw new Error(order.join(' > '));
      return order.join(' > ');
    });
    await attempt('patron ticks: accepted by the gateway', async () => {
      const ticks = page.locator('.bubble.patron .ticks').first();
      await page.waitForFunction(t => ['delivered', 'read'].includes(t.dataset.status), await ticks.elementHandle(),
        { timeout: 5000 });
      return `status=${await ticks.getAttribute('data-status')} "${await ticks.textContent()}"`;
    });
    await attempt('library ticks: read', async () => {
      const ticks = greeting.locator('.ticks');
      await page.waitForFunction(t => t.dataset.status === 'read', await ticks.elementHandle(), { timeout: 5000 });
      return `"${await ticks.textContent()}" ${await ticks.evaluate(t => getComputedStyle(t).color)}`;
    });
    await attempt('no horizontal overflow', async () => {
      const [sw, w] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      if (sw > w) throw new Error(`scrollWidth ${sw} > ${w}`);
    });
    const shot1 = join(SHOTS, `${name}-1-greeting.png`);
    await page.screenshot({ path: shot1 });

    // The list.
    await greeting.locator('button.list-open').click();
    await attempt(`list opens with ${EXPECT_ROWS} rows`, async () => {
      await page.locator('#list-overlay:not([hidden]) .list-row').first().waitFor({ timeout: 3000 });
      const titles = await page.locator('.list-row .row-title').allTextContents();
      if (titles.length !== EXPECT_ROWS) throw new Error(`${titles.length} rows: ${titles.join(', ')}`);
      return titles.join(', ');
    });
    await page.screenshot({ path: join(SHOTS, `${name}-2-list.png`) });
    const before = await countLibrary(page);
    await page.locator('.list-row', { hasText: ROW_TITLE }).click();
    await attempt('list closes after choosing', async () => {
      if (!await page.locator('#list-overlay').evaluate(o => o.hidden)) throw new Error('overlay still open');
    });
    await attempt(`patron bubble "${ROW_TITLE}"`, async () => {
      await page.locator('.bubble.patron[data-kind="list"]', { hasText: ROW_TITLE }).waitFor({ timeout: 5000 });
    });
    await attempt('new library reply', async () => {
      await page.waitForFunction(n => document.querySelectorAll('.bubble.library').length > n, before,
        { timeout: REPLY_TIMEOUT });
      const last = page.locator('.bubble.library').last();
      return JSON.stringify((await last.innerText()).split('\n').slice(0, 2).join(' ').slice(0, 80) + '…');
    });
    await attempt('newest message scrolled into view', async () => {
      const gap = await page.$eval('#messages', m => m.scrollHeight - m.scrollTop - m.clientHeight);
      if (gap > 2) throw new Error(`${gap}px below the view`);
    });
    await attempt('all patron ticks accepted', async () => {
      await page.waitForFunction(() => [...document.querySelectorAll('.bubble.patron .ticks')]
        .every(t => ['delivered', 'read'].includes(t.dataset.status)), null, { timeout: 5000 });
      return (await page.locator('.bubble.patron .ticks').evaluateAll(ts => ts.map(t => t.dataset.status))).join(', ');
    });
    await attempt('sandbox API holds both patron turns answered', async () => {
      const res = await fetch(`${SANDBOX_URL}/sandbox/messages?to=${number}`);
      const sent = (await res.json()).filter(m => m.request && m.request.type);
      if (sent.length < 2) throw new Error(`${sent.length} library message(s) for ${number}`);
      return `${sent.length} messages to ${number}`;
    });
    await attempt('library ticks of every reply: read', async () => {
      await page.waitForFunction(() => [...document.querySelectorAll('.bubble.library .ticks')]
        .every(t => t.dataset.status === 'read'), null, { timeout: 5000 });
    });
    const shot3 = join(SHOTS, `${name}-3-after-choice.png`);
    await page.screenshot({ path: shot3 });
    check('no script errors on the page', pageErrors.length === 0, pageErrors.join(' | '));
    check('no requests outside the sandbox', external.length === 0, external.join(' '));
    console.log(`screenshots: ${shot1}, ${shot3} (+ ${name}-2-list.png)`);
  } finally {
    await context.close();
  }
}

mkdirSync(SHOTS, { recursive: true });
console.log(`chat page check: ${SANDBOX_URL}/ with ${CHROMIUM}`);
let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  for (const v of VIEWPORTS) {
    await run(browser, v);
    if (ATTACHMENT_CHECK) await attachmentCheck(browser, v);
  }
} catch (e) {
  check('browser run', false, String(e && e.message || e).split('\n')[0]);
} finally {
  if (browser) await browser.close();
}
console.log(failures ? `\n${failures} check(s) failed` : '\nall checks passed');
process.exit(failures ? 1 : 0);
