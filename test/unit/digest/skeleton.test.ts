import { describe, expect, it } from 'vitest';
import { compileSkeleton, skeletonModule } from '../../../lambdas/digest/template-build';

describe('digest email shell', () => {
  it('keeps the compiled shell in step with its MJML source (run with -u to regenerate)', async () => {
    await expect(await skeletonModule()).toMatchFileSnapshot('../../../lambdas/digest/skeleton.generated.ts');
  });

  it('declares the language, both colour schemes and loads nothing remote', async () => {
    const html = await compileSkeleton();
    expect(html).toMatch(/<html lang="en"/);
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('<meta name="supported-color-schemes" content="light dark">');
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).not.toMatch(/\b(src|href)=|@import|url\(/i);
  });
});
