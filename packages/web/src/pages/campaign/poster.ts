// A poster for WeChat Moments (朋友圈), drawn in the browser: the cover, the title, the summary, the
// organization and the QR code, as one 1080 x 1920 PNG that staff save and post.

export interface PosterInput {
  title: string;
  summary: string;
  orgName: string;
  coverUrl: string | null;
  /** The QR code, already drawn (antd's QRCode renders a canvas). */
  qr: HTMLCanvasElement;
  scanHint: string;
}

const WIDTH = 1080;
const HEIGHT = 1920;
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

const loadImage = (src: string) =>
  new Promise<HTMLImageElement>((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`could not load ${src}`));
    image.src = src;
  });

/** Breaks Chinese or English text into lines that fit `width` (Chinese breaks between any characters). */
function lines(ctx: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const char of Array.from(text)) {
    if (ctx.measureText(line + char).width > width && line) {
      out.push(line);
      line = char.trim() ? char : '';
      if (out.length === max) break;
    } else line += char;
  }
  if (out.length < max && line) out.push(line);
  if (out.length === max && out.join('').length < Array.from(text).length)
    out[max - 1] = `${out[max - 1]!.slice(0, -1)}…`;
  return out;
}

export async function drawPoster(input: PosterInput): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#f6f7f9';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  let y = 0;
  if (input.coverUrl) {
    try {
      const cover = await loadImage(input.coverUrl);
      const height = Math.round((WIDTH * 9) / 16);
      const scale = Math.max(WIDTH / cover.width, height / cover.height);
      const w = cover.width * scale;
      const h = cover.height * scale;
      ctx.drawImage(cover, (WIDTH - w) / 2, (height - h) / 2, w, h);
      y = height;
    } catch {
      y = 0;
    }
  }
  if (y === 0) {
    ctx.fillStyle = '#1a7f37';
    ctx.fillRect(0, 0, WIDTH, 300);
    y = 300;
  }
  ctx.fillStyle = '#1f2328';
  ctx.font = `bold 72px ${FONT}`;
  y += 120;
  for (const line of lines(ctx, input.title, WIDTH - 160, 3)) {
    ctx.fillText(line, 80, y);
    y += 96;
  }
  ctx.fillStyle = '#424a53';
  ctx.font = `44px ${FONT}`;
  y += 20;
  for (const line of lines(ctx, input.summary, WIDTH - 160, 3)) {
    ctx.fillText(line, 80, y);
    y += 66;
  }
  const qrSize = 420;
  const qrY = HEIGHT - qrSize - 260;
  ctx.fillStyle = '#fff';
  ctx.fillRect((WIDTH - qrSize) / 2 - 30, qrY - 30, qrSize + 60, qrSize + 60);
  ctx.drawImage(input.qr, (WIDTH - qrSize) / 2, qrY, qrSize, qrSize);
  ctx.textAlign = 'center';
  ctx.fillStyle = '#424a53';
  ctx.font = `40px ${FONT}`;
  ctx.fillText(input.scanHint, WIDTH / 2, qrY + qrSize + 100);
  ctx.fillStyle = '#1f2328';
  ctx.font = `bold 44px ${FONT}`;
  ctx.fillText(input.orgName, WIDTH / 2, HEIGHT - 80);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the poster could not be drawn'))), 'image/png'),
  );
}
