import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import type { SlipData } from './invitations';

/**
 * The printable A4 sheet of invitation slips: ten slips a page (2 × 5), each with the
 * campaign, organizer, unit, the code, the link and a QR code of the link as inline SVG,
 * so the page prints offline with no other request. Cut along the dashed lines.
 */
export interface SheetInput {
  campaignName: string;
  organizer: string;
  /** Origin the links point at, e.g. https://khaosat.example.gov.vn (no trailing slash). */
  origin: string;
  slips: SlipData[];
}

/** The sheet's only style, inline so the page prints with no other request. */
const SHEET_CSS = `
  @page { size: A4; margin: 10mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans", Arial, sans-serif; margin: 0; color: #000; }
  .sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 0; width: 190mm; margin: 0 auto; }
  .slip { height: 55mm; border: 1px dashed #888; padding: 4mm; display: flex; gap: 3mm; break-inside: avoid; page-break-inside: avoid; overflow: hidden; }
  .qr { flex: 0 0 30mm; }
  .qr svg { width: 30mm; height: 30mm; }
  .text { flex: 1; font-size: 8pt; line-height: 1.25; }
  .text p { margin: 0 0 1mm; }
  .org { font-weight: bold; }
  .code { font: bold 15pt/1.2 "DejaVu Sans Mono", monospace; letter-spacing: 1px; margin: 1.5mm 0 !important; }
  .link { font-family: monospace; word-break: break-all; }
  .note { font-size: 6.5pt; color: #333; }
  @media print { .slip:nth-child(10n) { page-break-after: always; } }
  @media screen { body { background: #eee; } .sheet { background: #fff; margin: 8mm auto; } }
`;
/**
 * The CSP source that admits exactly that style: the sheet's own Content-Security-Policy
 * uses it, and so does the app's, because the console shows the sheet as a blob: URL, which
 * inherits the policy of the page that made it (plugins/security-headers.ts).
 */
export const SHEET_STYLE_SOURCE = `'sha256-${createHash('sha256').update(SHEET_CSS).digest('base64')}'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The link a slip prints and encodes: the PWA's respond route with the code, dash-free. */
export function invitationLink(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/r/${code.replace(/-/g, '')}`;
}

async function slipHtml(input: SheetInput, slip: SlipData): Promise<string> {
  const link = invitationLink(input.origin, slip.code);
  const qr = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  return `<section class="slip">
  <div class="qr">${qr}</div>
  <div class="text">
    <p class="org">${escapeHtml(input.organizer)}</p>
    <p class="camp">${escapeHtml(input.campaignName)}</p>
    <p class="who">${escapeHtml(slip.groupName)}${slip.unitName ? ` · ${escapeHtml(slip.unitName)}` : ''}</p>
    <p class="code">${escapeHtml(slip.code)}</p>
    <p class="link">${escapeHtml(link)}</p>
    <p class="note">Quét mã QR hoặc mở đường dẫn, nhập mã trên để trả lời phiếu. Mã chỉ dùng một lần; câu trả lời được giữ ẩn danh.<br><i>Scan or open the link and enter the code. One use only; answers are anonymous.</i></p>
  </div>
</section>`;
}

export async function renderSheet(input: SheetInput): Promise<string> {
  const slips = await Promise.all(input.slips.map((s) => slipHtml(input, s)));
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Phiếu mời khảo sát: ${escapeHtml(input.campaignName)}</title>
<style>${SHEET_CSS}</style>
</head>
<body>
<main class="sheet">
${slips.join('\n')}
</main>
</body>
</html>
`;
}
