import { ApiError } from '../../api/api-error.ts';
import { residentSession } from '../../api/resident-api.ts';
import { renewStaffAccess } from '../../api/staff-client.ts';
import { staffSession } from '../../api/staff-session.ts';

async function fetchPdf(path: string, token: string | undefined): Promise<Response> {
  try {
    return await fetch(`/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, cache: 'no-store' });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
  }
}

/** Hands a blob to the browser as a file download. */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Some browsers read the blob after click() returns; give them time before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads a PDF the API serves only with a Bearer token (a plain link cannot carry one): fetched
 * as a blob, then saved. Each download is a delivery receipt in the case log. Staff tokens are
 * renewed once on a 401, as staffRequest does.
 */
export async function downloadPdf(path: string, fileName: string, who: 'staff' | 'resident'): Promise<void> {
  const token = who === 'staff' ? staffSession.get()?.accessToken : residentSession.get()?.token;
  let response = await fetchPdf(path, token);
  if (response.status === 401 && who === 'staff' && (await renewStaffAccess(token))) response = await fetchPdf(path, staffSession.get()?.accessToken);
  if (!response.ok) throw await ApiError.fromResponse(response);
  save(await response.blob(), fileName);
}
