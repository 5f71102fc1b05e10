import { PNG } from 'pngjs';
import { AppError } from '../protocol/errors.ts';

const MAX_SIDE = 2000;
/** A signature needs some ink: at least this share of the pixels drawn. */
const MIN_INK = 0.002;

/**
 * Checks a drawn signature (or the tap-to-confirm mark) before it is kept: a real PNG by its content,
 * not by a name, of sane size, and not empty.
 */
export function checkSignaturePng(bytes: Uint8Array): { width: number; height: number } {
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(bytes));
  } catch {
    throw new AppError('invalid_input', 'The signature is not a PNG image.', [{ path: 'signaturePng', message: 'not a PNG' }]);
  }
  const { width, height, data } = image;
  if (width < 50 || height < 30 || width > MAX_SIDE || height > MAX_SIDE) {
    throw new AppError('invalid_input', 'The signature image has an unusable size.', [{ path: 'signaturePng', message: 'size' }]);
  }
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]!;
    const dark = data[i]! + data[i + 1]! + data[i + 2]! < 600;
    if (alpha > 64 && dark) ink++;
  }
  if (ink / (width * height) < MIN_INK) throw new AppError('invalid_input', 'The signature is empty; please sign in the box.', [{ path: 'signaturePng', message: 'empty' }]);
  return { width, height };
}
