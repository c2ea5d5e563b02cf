/**
 * Getting files from the user to the server: picked files, a picked folder, files and folders
 * dropped on the page. Folders are walked for the extensions the CLI reads from folders; a
 * `.csv` goes to the CSV browser; every other file is sent as a cable (the server says if it is not).
 */
import { api, ApiError, type CsvInfo, type EntrySummary } from './api.js';

const CABLE_EXTENSIONS = ['.txt', '.text', '.html', '.htm'];

export interface NamedFile {
  name: string;
  file: File;
  /** Found by walking a folder (then only cable extensions are taken). */
  fromFolder: boolean;
}

const isCsv = (name: string) => name.toLowerCase().endsWith('.csv');
const isCableName = (name: string) => CABLE_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e));

/** Files from an `<input type=file>` (with `webkitdirectory` every file has a relative path). */
export function fromInput(input: HTMLInputElement): NamedFile[] {
  return [...(input.files ?? [])].map((file) => {
    const path = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
    return { name: path || file.name, file, fromFolder: !!path };
  });
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: NamedFile[], fromFolder: boolean): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ name: entry.fullPath.replace(/^\//, ''), file, fromFolder });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches until it answers with none.
  for (;;) {
    const batch = await readEntries(reader);
    if (!batch.length) break;
    for (const child of batch) await walk(child, out, true);
  }
}

/** Files and folders dropped on the page. */
export async function fromDrop(data: DataTransfer): Promise<NamedFile[]> {
  const out: NamedFile[] = [];
  const entries = [...data.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (entries.length) {
    for (const e of entries) await walk(e, out, false);
    return out;
  }
  return [...data.files].map((file) => ({ name: file.name, file, fromFolder: false }));
}

export interface LoadResult {
  entries: EntrySummary[];
  csvs: CsvInfo[];
  /** One line per file the server refused outright (too large, …). */
  errors: string[];
  skipped: number;
}

/** Sends the files one after the other, in name order; a bad file is reported and the others go on. */
export async function upload(files: NamedFile[], onProgress?: (done: number, total: number) => void): Promise<LoadResult> {
  const result: LoadResult = { entries: [], csvs: [], errors: [], skipped: 0 };
  const wanted = files.filter((f) => isCsv(f.name) || !f.fromFolder || isCableName(f.name));
  result.skipped = files.length - wanted.length;
  wanted.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let next = 0;
  let done = 0;
  const slots: { entry?: EntrySummary; csv?: CsvInfo; error?: string }[] = new Array(wanted.length);
  const worker = async () => {
    while (next < wanted.length) {
      const i = next++;
      const f = wanted[i]!;
      try {
        if (isCsv(f.name)) slots[i] = { csv: (await api.uploadCsv(f.name, f.file)).csv };
        else slots[i] = { entry: (await api.upload(f.name, f.file)).entry };
      } catch (err) {
        slots[i] = { error: err instanceof ApiError ? err.message : String(err) };
      }
      onProgress?.(++done, wanted.length);
    }
  };
  await worker();
  for (const s of slots) {
    if (s.entry) result.entries.push(s.entry);
    if (s.csv) result.csvs.push(s.csv);
    if (s.error) result.errors.push(s.error);
  }
  return result;
}
