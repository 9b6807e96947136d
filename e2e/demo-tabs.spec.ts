import { expect, test } from '@playwright/test';
import { DEMO_URL } from './ports.js';

// The demo as a user opens it: several tabs at once, each working (worker mode, the default).
test('the demo open in three tabs: every tab works, and a note added in one shows in the others', async ({ context }) => {
  const tabs = [await context.newPage(), await context.newPage(), await context.newPage()];
  await Promise.all(tabs.map((tab) => tab.goto(`${DEMO_URL}/`)));
  for (const tab of tabs) await expect(tab.getByTestId('boot-status')).toContainText('Database ready');
  for (const tab of tabs) await expect(tab.getByTestId('banner')).toBeHidden();

  await tabs[0]!.getByLabel('Title', { exact: true }).fill('Written in the first tab');
  await tabs[0]!.getByRole('button', { name: 'Add note' }).click();
  await tabs[2]!.getByLabel('Title', { exact: true }).fill('Written in the third tab');
  await tabs[2]!.getByRole('button', { name: 'Add note' }).click();
  for (const tab of tabs) {
    await expect(tab.getByTestId('note-title')).toHaveText(['Written in the third tab', 'Written in the first tab', 'Welcome to pgboot notes']);
  }
});

test('page mode (?mode=page) still boots the demo in the page', async ({ page }) => {
  await page.goto(`${DEMO_URL}/?mode=page`);
  await expect(page.getByTestId('boot-status')).toContainText('Database ready');
  expect(await page.evaluate(() => 'isLeader' in (window as any).pgbootDemo.db)).toBe(false);
  await page.getByLabel('Title', { exact: true }).fill('In page mode');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('note-title')).toHaveText(['In page mode', 'Welcome to pgboot notes']);
});
