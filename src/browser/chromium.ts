/**
 * Chromium for every command, test and the benchmark: Debian's `/usr/bin/chromium` (or
 * `CHROME_PATH`) driven by playwright-core, with the project's flags. Nothing is downloaded.
 */
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/**
 * Features switched off in every Chromium of the project. Headless Chromium loads the address
 * bar's popup (a WebUI page in a renderer of its own) with each window: the first two cost every
 * page a renderer's start-up. The next four keep Chromium from calling Google as it starts.
 * Chromium keeps only the last `--disable-features` it is given, and ours comes after
 * playwright-core's, so the list also carries the ones playwright-core switches off (the rest).
 */
export const DISABLED_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'NetworkTimeServiceQuerying',
  'PreconnectToSearch',
  'AimEnabled',
  'OptimizationHints',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
]

/**
 * The flags every Chromium of the project starts with, and the features above off.
 * `--font-render-hinting=none` is what Debian's chromium does anyway; with it, Debian's
 * chromium-headless-shell (for CHROME_PATH) breaks lines where chromium does.
 */
export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
]

/** Where Chromium is: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromePath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium'
}

/** The path of an existing Chromium, or an error saying how to install one. */
export function requireChrome(): string {
  const path = chromePath()
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's package (apt-get update && apt-get install -y chromium) or set CHROME_PATH to a Chromium binary.`,
    )
  }
  return path
}

/**
 * Launch Chromium with the project's flags and `extraArgs`, or fail with how to install it.
 * Never silently skips.
 */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: requireChrome(), args: [...CHROME_ARGS, ...extraArgs] })
}
