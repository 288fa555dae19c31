// The app in a real browser (Debian's Chromium driven by playwright-core) against a real dev
// node and floor source: the Ocelot story through the UI — Alice locks 2 Ocelots and sells 2
// perps against them, Bob goes long, the chart shows mark and index, the position its
// liquidation price, the floor moves, Alice buys back and unlocks — and an error path: a trade
// beyond the maximum leverage is refused by the chain and the reason shown in words. A browser
// wallet (an injected extension holding Dave's key) signs a deposit.
// Then a voluntary auction: Alice auctions an Ocelot, Bob bids on the Auctions page.
// Screenshots go to test-results/; FLOORPERP_APP_DOCS=1 also writes docs/market.png and
// docs/vault.png (the README's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { APP_DIR, chromiumBinary, setupDemo, sleep, startFloorSource, startNode, startPreview } from './lib/processes.mjs';

const RESULTS = join(APP_DIR, 'test-results');
const DOCS = join(APP_DIR, 'docs');
const POINTER = '/collection/floorAsk/price/amount/decimal';
let node, source, preview, browser, page, api, alice;
const timings = {};

/** Wait for the chain's index of collection 0 to be `price` (a decimal string). */
async function waitIndex(price, timeoutMs = 120_000) {
  const want = BigInt(Math.round(Number(price) * 1e4)) * 10n ** 14n;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const i = await api.query.floorIndex.indices(0);
    if (i.isSome && i.unwrap().price.toBigInt() === want) return;
    await sleep(1000);
  }
  throw new Error(`index never reached ${price}`);
}

/** No raw 18-decimal integer anywhere on the page. */
async function assertNoRawIntegers() {
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /\d{13,}/, 'a raw on-chain integer is shown');
}

/** Dismiss the transaction cards (they would cover the screenshots). */
async function clearTxPanel() {
  for (let i = 0; i < 20 && (await page.locator('.tx-head .close').count()) > 0; i++) await page.locator('.tx-head .close').first().click();
}

async function shot(name, docsName) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const file = join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  if (docsName && process.env.FLOORPERP_APP_DOCS === '1') copyFileSync(file, join(DOCS, docsName));
}

/** Choose a dev account in the header's picker. */
async function useAccount(name) {
  const select = page.getByTestId('account-select');
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  await select.selectOption(value);
}

async function goto(hash) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** The newest transaction's card: waits until it is in a block (or finalised) and returns it. */
async function lastTxSucceeded(label) {
  const tx = page.getByTestId('tx').filter({ hasText: label }).first();
  await tx.waitFor();
  await page.waitForFunction(
    (l) => {
      const card = [...document.querySelectorAll('[data-testid=tx]')].find((e) => e.textContent.includes(l));
      return card && ['inBlock', 'finalized', 'failed'].includes(card.dataset.status);
    },
    label,
    { timeout: 60_000 },
  );
  const status = await tx.getAttribute('data-status');
  if (status === 'failed') throw new Error(`${label}: ${await tx.textContent()}`);
  return tx;
}

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  // the floor of collection 0 walks from 20 WETH (±0.2% every 6 s), as under scripts/run-dev
  source = await startFloorSource({ 0: 'walk:20:20:6000:1' });
  node = await startNode();
  await cryptoWaitReady();
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true, throwOnConnect: true });
  alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  // point the dev chain's feed for collection 0 at this test's floor source (governance: sudo)
  await new Promise((resolve, reject) => {
    api.tx.sudo
      .sudo(api.tx.floorIndex.setSources(0, [{ url: source.url(0), pointer: POINTER, decimals: 0 }]))
      .signAndSend(alice, ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        else if (status.isInBlock) resolve();
      })
      .catch(reject);
  });
  await setupDemo(node.url, source.base);
  preview = await startPreview();
  browser = await chromium.launch({ executablePath: chromiumBinary(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
  // A browser wallet as extensions inject one (window.injectedWeb3, the standard
  // @polkadot/extension-dapp reads), holding Dave's account — no dev account of the app — and
  // signing in this test process with his key, as an extension signs in its own.
  const dave = new Keyring({ type: 'sr25519' }).addFromUri('//Dave');
  await page.exposeFunction('__testWalletSign', (payload) => {
    const p = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    return p.sign(dave).signature;
  });
  await page.addInitScript(({ address }) => {
    window.injectedWeb3 = {
      'test-wallet': {
        version: '1.0.0',
        enable: async () => ({
          accounts: { get: async () => [{ address, name: 'Dave', type: 'sr25519' }] },
          signer: { signPayload: async (payload) => ({ id: 1, signature: await window.__testWalletSign(payload) }) },
        }),
      },
    };
  }, { address: dave.address });
});

after(async () => {
  if (Object.keys(timings).length) writeFileSync(join(RESULTS, 'timings.json'), JSON.stringify(timings, null, 2));
  await browser?.close();
  await api?.disconnect();
  await preview?.stop();
  await node?.stop();
  await source?.stop();
});

test('the market page is live after load (measured)', async () => {
  const t0 = Date.now();
  await page.goto(`${preview.url}?rpc=${encodeURIComponent(node.url)}#/market/0`);
  // live: the mark of market 0 read from the chain's runtime API
  await page.getByTestId('stat-mark').filter({ hasText: /\d+\.\d{4}/ }).waitFor({ timeout: 30_000 });
  timings.loadToLiveMs = Date.now() - t0;
  timings.appReadyAtMs = Math.round(await page.evaluate(() => window.__floorperpReadyAt));
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) };
  });
  Object.assign(timings, nav);
  console.log(`load to live market page: ${timings.loadToLiveMs} ms (connected at ${timings.appReadyAtMs} ms, DOMContentLoaded ${nav.domContentLoaded} ms)`);
  await page.getByTestId('market-name').filter({ hasText: 'Awful Hot Ocelots' }).waitFor();
  assert.match(await page.getByTestId('guard-state').textContent(), /index fresh/);
  await assertNoRawIntegers();
  // the dev accounts are offered on a dev chain
  const options = await page.getByTestId('account-select').locator('option').allTextContents();
  for (const n of ['Alice', 'Bob', 'Charlie']) assert.ok(options.some((o) => o.startsWith(n)), `${n} offered`);
});

test('the markets list shows market 0 with its numbers', async () => {
  await goto('#/markets');
  const row = page.getByTestId('market-row-0');
  await row.waitFor();
  assert.match(await row.getByTestId('mark').textContent(), /^\d+\.\d{4}$/);
  assert.match(await row.getByTestId('index').textContent(), /^\d+\.\d{4}$/);
  const text = await row.textContent();
  for (const what of ['Awful Hot Ocelots', 'in ', 'WETH/perp', 'WETH', 'index fresh']) assert.ok(text.includes(what), `row shows ${what}`);
  await assertNoRawIntegers();
});

test('a browser wallet (injected extension) signs: Dave deposits margin', async () => {
  await page.getByTestId('connect-wallet').click();
  await page.locator('[data-testid=account-select] optgroup[label="Wallet: test-wallet"] option').waitFor({ state: 'attached' });
  await useAccount('Dave');
  await goto('#/market/0');
  await page.getByTestId('margin-panel').waitFor();
  await page.getByTestId('margin-amount').fill('1');
  await page.getByTestId('deposit').click();
  await lastTxSucceeded('Deposit 1.0000 WETH');
  await page.getByTestId('margin-cash').filter({ hasText: '1.0000 WETH' }).waitFor();
});

test('Alice locks 2 Ocelots and sells 2 perps against them', async () => {
  await useAccount('Alice');
  await goto('#/vault/0');
  await page.getByTestId('wallet-nft').first().waitFor();
  assert.equal(await page.getByTestId('wallet-nft').count(), 10, 'Ocelots #0..#9 in her wallet');
  await page.getByTestId('select-0').check();
  await page.getByTestId('select-1').check();
  await page.getByTestId('lock-selected').click();
  await lastTxSucceeded('Lock 2 NFTs');
  await page.getByTestId('escrowed-nft').nth(1).waitFor();
  assert.equal(await page.getByTestId('escrowed-nft').count(), 2);
  await page.getByTestId('vault-locked').filter({ hasText: '2' }).waitFor();

  await page.getByTestId('sell-amount').fill('2');
  await page.getByTestId('sell-receive').filter({ hasText: /\d+\.\d{4} WETH/ }).waitFor();
  await page.getByTestId('sell-perps').click();
  await lastTxSucceeded('Sell 2.0000 perps');
  await page.getByTestId('vault-short').filter({ hasText: '2.0000 perps' }).waitFor();
  // her Ocelots alone cover the short: no liquidation index
  await page.getByTestId('vault-liq').filter({ hasText: 'never' }).waitFor();
  const liability = await page.getByTestId('liability').textContent();
  const cover = await page.getByTestId('cover').textContent();
  assert.match(liability, /^\d+\.\d{4} WETH$/);
  assert.match(cover, /^\d+\.\d{4} WETH$/);
  await assertNoRawIntegers();
});

test('Bob goes long 5x; the chart shows mark and index; the position its liquidation price', async () => {
  await useAccount('Bob');
  await goto('#/market/0');
  await page.getByTestId('order-ticket').waitFor();
  await page.getByTestId('side-long').click();
  await page.getByTestId('amount-mode').selectOption('Quote');
  await page.getByTestId('amount').fill('40');
  await page.getByTestId('leverage').fill('5');
  await page.getByTestId('pv-margin-required').filter({ hasText: /\d+\.\d{4} WETH/ }).waitFor();
  await page.getByTestId('pv-deposit').filter({ hasText: /\d+\.\d{4} WETH/ }).waitFor();
  const preview = await page.getByTestId('preview').textContent();
  for (const what of ['You receive', 'Average price', 'Price impact', 'Fee', 'Margin required', 'Liquidation price after']) assert.ok(preview.includes(what), `preview shows ${what}`);
  assert.doesNotMatch(preview, /\d{15,}/, 'no raw 18-decimal integers');
  await page.getByTestId('submit-order').click();
  await lastTxSucceeded('Buy 40.0000 WETH');
  await page.getByTestId('position-side').filter({ hasText: 'LONG' }).waitFor();
  const liq = await page.getByTestId('pos-liq').textContent();
  assert.match(liq, /^\d+\.\d{4}$/, `a liquidation price: ${liq}`);
  assert.match(await page.getByTestId('pos-margin-ratio').textContent(), /\d+\.\d{2}%/);
  assert.match(await page.getByTestId('pos-entry').textContent(), /^\d+\.\d{4}$/);
  // the chart: mark and index series with points from the chain
  const chart = page.getByTestId('price-chart');
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid=price-chart]');
    return c && Number(c.dataset.markPoints) >= 2 && Number(c.dataset.indexPoints) >= 1 && c.querySelector('canvas');
  });
  assert.ok(Number(await chart.getAttribute('data-mark-points')) >= 2);
  // Alice's sale and Bob's buy moved the mark: wait for the next block's sample
  await sleep(2500);
  await shot('market-bob-long');
});

test('a trade beyond the maximum leverage is refused, with the reason in words', async () => {
  await page.getByTestId('side-long').click();
  await page.getByTestId('amount').fill('100');
  await page.getByTestId('leverage').fill('25');
  await page.getByTestId('leverage-warning').waitFor();
  await page.getByTestId('pv-margin-required').filter({ hasText: /\d+\.\d{4} WETH/ }).waitFor();
  await page.getByTestId('submit-order').click();
  const err = page.getByTestId('tx-error').first();
  await err.waitFor({ timeout: 60_000 });
  const text = await err.textContent();
  assert.match(text, /Not enough margin for this trade/);
  const card = page.getByTestId('tx').filter({ hasText: 'Buy 100.0000 WETH' }).first();
  assert.equal(await card.getAttribute('data-code'), 'floorPerp.InsufficientMargin');
  await page.getByTestId('order-message').filter({ hasText: 'Not enough margin' }).waitFor();
  await shot('error-beyond-max-leverage');
  // nothing changed: Bob is still long what he bought
  assert.match(await page.getByTestId('position-side').textContent(), /LONG 2\.\d{4} perps/);
  await page.getByTestId('amount').fill('');
});

test('the floor moves: the index follows on the page', async () => {
  const before = await page.getByTestId('stat-index').textContent();
  await source.set(0, '19.4');
  await waitIndex('19.4');
  await page.getByTestId('stat-index').filter({ hasText: '19.4000' }).waitFor({ timeout: 30_000 });
  assert.notEqual(before, '19.4000');
  // the chart keeps the old index and the new one
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=price-chart]').dataset.indexPoints) >= 2);
  await assertNoRawIntegers();
  // the README's picture: Bob's position after the fall, a 10 WETH order previewed at 5x
  await page.getByTestId('amount').fill('10');
  await page.getByTestId('leverage').fill('5');
  await page.getByTestId('pv-liq').filter({ hasText: /\d+\.\d{4}/ }).waitFor();
  await clearTxPanel();
  await sleep(2500);
  await shot('market', 'market.png');
  await page.getByTestId('amount').fill('');
});

test('Alice buys back and unlocks her Ocelots', async () => {
  await useAccount('Alice');
  await goto('#/vault/0');
  await page.getByTestId('vault-index').filter({ hasText: '19.4000' }).waitFor();
  await page.getByTestId('vault-short').filter({ hasText: '2.0000 perps' }).waitFor();
  await assertNoRawIntegers();
  await clearTxPanel();
  await shot('vault', 'vault.png');
  await page.getByTestId('buy-back').click();
  await lastTxSucceeded('Buy back');
  await page.getByTestId('vault-short').filter({ hasText: '0.0000 perps' }).waitFor();
  await page.getByTestId('unlock-0').click();
  await lastTxSucceeded('Unlock NFT #0');
  await page.getByTestId('unlock-1').click();
  await lastTxSucceeded('Unlock NFT #1');
  await page.getByTestId('vault-locked').filter({ hasText: '0' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=wallet-nft]').length === 10);
  // on the chain too: Ocelots #0 and #1 are Alice's again
  for (const k of [0, 1]) assert.equal((await api.query.nfts.item(0, k)).unwrap().owner.toString(), alice.address);
  await shot('vault-after-unlock');
});

test('a voluntary auction: Alice auctions an Ocelot, Bob bids', async () => {
  await page.getByTestId('select-2').check();
  await page.getByTestId('lock-selected').click();
  await lastTxSucceeded('Lock NFT #2');
  await page.getByTestId('reserve-2').fill('15');
  await page.getByTestId('auction-2').click();
  await lastTxSucceeded('Voluntary auction of NFT #2');
  await useAccount('Bob');
  await goto('#/auctions');
  const row = page.getByTestId('auctions-table').locator('tr', { hasText: 'NFT #2' });
  await row.waitFor();
  assert.match(await row.getByTestId('time-left').textContent(), /\d+ blocks · \d+ h \d+ min/);
  assert.match(await row.getByTestId('best-bid').textContent(), /none/);
  await row.getByTestId('bid-amount').fill('15');
  await row.getByTestId('bid').click();
  await lastTxSucceeded('Bid 15.0000 WETH on NFT #2');
  await row.getByTestId('best-bid').filter({ hasText: '15.0000 WETH' }).waitFor();
  assert.match(await row.getByTestId('best-bid').textContent(), /Bob/);
  await assertNoRawIntegers();
  await shot('auctions');
});
