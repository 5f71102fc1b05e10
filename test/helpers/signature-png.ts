import { PNG } from 'pngjs';

/** A small PNG with a drawn stroke, as a signature pad would produce; `blank` gives an empty one. */
export function signaturePng(options: { blank?: boolean; seed?: number } = {}): string {
  const png = new PNG({ width: 300, height: 120 });
  png.data.fill(0); // transparent
  if (!options.blank) {
    const seed = options.seed ?? 1;
    for (let x = 20; x < 280; x++) {
      const y = Math.round(60 + 30 * Math.sin((x + seed * 17) / 18));
      for (let dy = -2; dy <= 2; dy++) {
        const i = ((y + dy) * 300 + x) * 4;
        png.data[i] = 20;
        png.data[i + 1] = 20;
        png.data[i + 2] = 20;
        png.data[i + 3] = 255;
      }
    }
  }
  return PNG.sync.write(png).toString('base64');
}
