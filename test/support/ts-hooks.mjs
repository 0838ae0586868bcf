// Node module hooks that run the TypeScript sources as they are (transpiled on load, no type check), so that a test
// can start `leadscore` as a real separate process, or a store its worker thread, without a build. Registered by
// `register-ts.mjs`. Transpiled files are cached on disk by content, so that a thread started again loads no compiler.
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath, URL } from 'node:url'

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/leadscore-ts/', import.meta.url))
let typescript = null

/** Source imports name `.js` files; in the source tree they are `.ts`. */
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context)
  } catch (error) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')
    if (!relative || !specifier.endsWith('.js')) throw error
    return nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, context)
  }
}

async function transpile(url) {
  const source = await readFile(fileURLToPath(url), 'utf8')
  const cached = join(CACHE, `${createHash('sha1').update(url).update('\0').update(source).digest('hex')}.js`)
  try {
    return await readFile(cached, 'utf8')
  } catch {
    // Not cached yet.
  }
  typescript ??= (await import('typescript')).default
  const { outputText } = typescript.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: typescript.ModuleKind.ESNext, target: typescript.ScriptTarget.ES2022, sourceMap: false },
  })
  // Written aside, then renamed: another process may be reading or writing the same entry. A cache that cannot be
  // written (a read-only tree) only costs the next thread its compile.
  try {
    await mkdir(CACHE, { recursive: true })
    const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`
    await writeFile(partial, outputText)
    await rename(partial, cached)
  } catch {
    // Not cached.
  }
  return outputText
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context)
  return { format: 'module', source: await transpile(url), shortCircuit: true }
}
