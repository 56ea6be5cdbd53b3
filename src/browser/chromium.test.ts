import { afterEach, describe, expect, it } from 'vitest'
import { launchBrowser } from './chromium.ts'

describe('launchBrowser', () => {
  const before = process.env.CHROME_PATH
  afterEach(() => {
    if (before === undefined) delete process.env.CHROME_PATH
    else process.env.CHROME_PATH = before
  })

  it('says how to install Chromium when CHROME_PATH points at nothing', async () => {
    process.env.CHROME_PATH = '/nonexistent/chromium'
    await expect(launchBrowser()).rejects.toThrow(/Chromium not found at \/nonexistent\/chromium\. Install Debian's package .* or set CHROME_PATH/)
  })
})
