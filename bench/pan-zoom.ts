// The map's pan and zoom that the browser test (test/ui.test.ts) and the desk bench (bench/desk.ts)
// both time: the mouse wheels in on the map, drags it one way and back, and wheels out again, while
// the page records every animation frame.
import type { Page } from 'playwright-core';

/** The times (requestAnimationFrame's clock, ms) of the frames drawn while the desk's map is panned and zoomed. */
export async function panZoomFrames(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; recording: boolean };
    w.frames_ = [];
    w.recording = true;
    const tick = (t: number) => { if (!w.recording) return; w.frames_.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const box = (await page.locator('.map').boundingBox())!;
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 6; i++) { await page.mouse.wheel(0, -240); await page.waitForTimeout(120); }
  await page.mouse.down();
  await page.mouse.move(cx - 250, cy - 120, { steps: 25 });
  await page.mouse.move(cx + 150, cy + 80, { steps: 25 });
  await page.mouse.up();
  for (let i = 0; i < 6; i++) { await page.mouse.wheel(0, 240); await page.waitForTimeout(120); }
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; recording: boolean };
    w.recording = false;
    return w.frames_;
  });
}
