// @vitest-environment jsdom
import { Blob as NodeBlob } from 'node:buffer';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { attachPhoto, auditOfRecord, listPhotos, markEntered, setFigures } from '../../../src/db/index.ts';
import { CLEAN_PPWP } from '../../db/fixtures.ts';
import { enrolAs } from '../../db/enrolAs.ts';
import { StorageInfo } from '../../../src/ui/settings/StorageInfo.tsx';
import { renderForm, seed, TPS } from './helpers.tsx';

const KEY = tallyKey({ tps: TPS, contest: 'PPWP' });

/**
 * Node's Blob, not jsdom's: fake-indexeddb stores values with Node's structured clone, which keeps a
 * Node Blob (as a browser's IndexedDB keeps its own) but not jsdom's.
 */
const jpegBlob = (content: string) => new NodeBlob([content], { type: 'image/jpeg' }) as unknown as Blob;

/** What the mocked browser was asked to decode and draw: enough to see the downscale. */
const drawn: { bitmap: unknown[]; canvas: { width: number; height: number }[]; encoded: unknown[] } = { bitmap: [], canvas: [], encoded: [] };

beforeEach(() => {
  drawn.bitmap = [];
  drawn.canvas = [];
  drawn.encoded = [];
  // A 4000 × 3000 camera photo, decoded with its EXIF orientation applied.
  vi.stubGlobal('createImageBitmap', (_file: Blob, options: unknown) => {
    drawn.bitmap.push(options);
    return Promise.resolve({ width: 4000, height: 3000, close: () => undefined });
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      constructor(
        readonly width: number,
        readonly height: number,
      ) {
        drawn.canvas.push({ width, height });
      }
      getContext() {
        return { fillRect: () => undefined, drawImage: () => undefined, fillStyle: '', imageSmoothingQuality: 'low' };
      }
      convertToBlob(options: unknown) {
        drawn.encoded.push(options);
        return Promise.resolve(jpegBlob(`jpeg ${this.width}x${this.height} ${drawn.canvas.length}`));
      }
    },
  );
  let n = 0;
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => `blob:photo-${(n += 1)}`, revokeObjectURL: () => undefined }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const upload = (files: File[]) => fireEvent.change(screen.getByLabelText('Pilih atau ambil foto'), { target: { files } });

describe('Foto C.Hasil on the entry form', () => {
  it('a clerk picks a camera photo: it is scaled to 1600 px upright, stored as JPEG, shown, and its hash audited', async () => {
    const db = await seed();
    await renderForm('PPWP', 'Ani');
    const input = screen.getByLabelText<HTMLInputElement>('Pilih atau ambil foto');
    expect(input.accept).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');

    upload([new File(['raw camera bytes'], 'IMG_0001.jpg', { type: 'image/jpeg' })]);
    await screen.findByText('Foto halaman 1 tersimpan.');
    expect(drawn.bitmap).toEqual([{ imageOrientation: 'from-image' }]);
    expect(drawn.canvas).toEqual([{ width: 1600, height: 1200 }]);
    expect(drawn.encoded).toEqual([{ type: 'image/jpeg', quality: 0.8 }]);

    const thumb = await screen.findByRole('img', { name: 'Foto C.Hasil halaman 1' });
    expect(thumb.getAttribute('src')).toMatch(/^blob:/);
    const [photo] = await listPhotos(db, KEY);
    expect(photo).toMatchObject({ page: 1, width: 1600, height: 1200, mime: 'image/jpeg', addedBy: 'Ani' });
    const trail = await auditOfRecord(db, KEY);
    expect(trail.some((e) => e.change.action === 'photos.added' && (e.change.after as { sha256: string }).sha256 === photo!.sha256)).toBe(true);
  });

  it('the laptop camera: opened on a click, one page per shot stored like a chosen photo, released on close; a refusal in words', async () => {
    const stop = vi.fn();
    const getUserMedia = vi.fn(async () => ({ getTracks: () => [{ stop }] }) as unknown as MediaStream);
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    try {
      const db = await seed();
      await renderForm('PPWP', 'Ani');
      expect(getUserMedia).not.toHaveBeenCalled();
      fireEvent.click(screen.getByRole('button', { name: 'Ambil dengan kamera laptop' }));
      await screen.findByLabelText('Kamera: arahkan ke satu halaman C.Hasil');
      expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 } }, audio: false });

      fireEvent.click(screen.getByRole('button', { name: 'Potret halaman ini' }));
      await screen.findByText('Foto halaman 1 tersimpan.');
      // The frame (the mocked camera's 4000 × 3000), then the same downscale as a chosen file.
      expect(drawn.canvas).toEqual([
        { width: 4000, height: 3000 },
        { width: 1600, height: 1200 },
      ]);
      expect(await listPhotos(db, KEY)).toMatchObject([{ page: 1, width: 1600, height: 1200, mime: 'image/jpeg', addedBy: 'Ani' }]);

      fireEvent.click(screen.getByRole('button', { name: 'Tutup kamera' }));
      await waitFor(() => expect(stop).toHaveBeenCalled());
      expect(screen.queryByTestId('photo-camera')).toBeNull();

      getUserMedia.mockRejectedValueOnce(new DOMException('Permission denied', 'NotAllowedError'));
      fireEvent.click(screen.getByRole('button', { name: 'Ambil dengan kamera laptop' }));
      expect((await screen.findByRole('alert')).textContent).toBe(
        'Izin kamera ditolak browser. Izinkan kamera untuk alamat ini di pengaturan browser, atau pilih berkas foto.',
      );
    } finally {
      Reflect.deleteProperty(navigator, 'mediaDevices');
    }
  });

  it('drag-and-drop adds pages in order; a non-image is refused by name', async () => {
    const db = await seed();
    await renderForm('PPWP', 'Ani');
    const drop = screen.getByTestId('photo-drop');
    fireEvent.drop(drop, { dataTransfer: { files: [new File(['a'], 'hal1.jpg', { type: 'image/jpeg' }), new File(['b'], 'hal2.png', { type: 'image/png' })] } });
    await screen.findByText('Foto halaman 2 tersimpan.');
    expect((await listPhotos(db, KEY)).map((p) => p.page)).toEqual([1, 2]);
    fireEvent.drop(drop, { dataTransfer: { files: [new File(['x'], 'catatan.pdf', { type: 'application/pdf' })] } });
    expect((await screen.findByRole('alert')).textContent).toBe('catatan.pdf: bukan berkas gambar; tidak disimpan.');
    expect(await listPhotos(db, KEY)).toHaveLength(2);
  });

  it('removing a page asks first, records the reason, and the next page moves up', async () => {
    const db = await seed();
    await renderForm('PPWP', 'Ani');
    upload([new File(['a'], 'a.jpg', { type: 'image/jpeg' }), new File(['b'], 'b.jpg', { type: 'image/jpeg' })]);
    await screen.findByText('Foto halaman 2 tersimpan.');
    const second = (await listPhotos(db, KEY))[1]!;
    fireEvent.click(await screen.findByRole('button', { name: 'Hapus foto halaman 1' }));
    fireEvent.change(screen.getByLabelText('Alasan menghapus foto halaman 1'), { target: { value: 'foto buram' } });
    fireEvent.click(screen.getByRole('button', { name: 'Hapus' }));
    await waitFor(async () => expect((await listPhotos(db, KEY)).map((p) => [p.sha256, p.page])).toEqual([[second.sha256, 1]]));
    const removed = (await auditOfRecord(db, KEY)).find((e) => e.change.action === 'photos.removed');
    expect(removed?.change.reason).toBe('foto buram');
  });

  it('read-back verification shows the photo beside the form; while typing it is not beside it', async () => {
    const db = await seed();
    expect((await attachPhoto(db, { key: KEY, blob: jpegBlob('hal-1'), width: 1200, height: 1600, actor: 'Ani' })).ok).toBe(true);
    const draft = await renderForm('PPWP', 'Ani');
    await screen.findByRole('img', { name: 'Foto C.Hasil halaman 1' });
    expect(screen.queryByTestId('photos-beside')).toBeNull();
    draft.unmount();

    const changes = Object.entries(CLEAN_PPWP).map(([path, value]) => ({ path, value }));
    expect((await setFigures(db, { tps: TPS, contest: 'PPWP', changes, actor: 'Ani' })).ok).toBe(true);
    expect((await markEntered(db, KEY, 'Ani', [])).ok).toBe(true);
    await renderForm('PPWP', 'Budi');
    const beside = await screen.findByTestId('photos-beside');
    expect(within(beside).getByTestId('photo-viewer')).toBeTruthy();
    expect(within(beside).getByRole('button', { name: /Konfirmasi: semua angka cocok/ })).toBeTruthy();
  });

  it('the first photo of an entered form appears beside it without losing the note that it was stored', async () => {
    const db = await seed();
    const changes = Object.entries(CLEAN_PPWP).map(([path, value]) => ({ path, value }));
    expect((await setFigures(db, { tps: TPS, contest: 'PPWP', changes, actor: 'Ani' })).ok).toBe(true);
    expect((await markEntered(db, KEY, 'Ani', [])).ok).toBe(true);
    await renderForm('PPWP', 'Ani');
    expect(screen.queryByTestId('photos-beside')).toBeNull();
    upload([new File(['hal 1'], 'hal1.jpg', { type: 'image/jpeg' })]);
    await screen.findByTestId('photos-beside');
    expect(screen.getByTestId('photo-notice').textContent).toBe('Foto halaman 1 tersimpan.');
  });

  it('a witness sees the photos beside the form, switches pages and zooms, but cannot add or remove', async () => {
    const db = await seed();
    for (const page of ['hal-1', 'hal-2']) {
      const r = await attachPhoto(db, { key: KEY, blob: jpegBlob(page), width: 1200, height: 1600, actor: 'Ani' });
      expect(r.ok).toBe(true);
    }
    await enrolAs(db, 'witness', null, null);
    await renderForm('PPWP', 'Saksi');
    const viewer = await screen.findByTestId('photo-viewer');
    expect(screen.getByTestId('photos-beside')).toBeTruthy();
    expect(screen.queryByLabelText('Pilih atau ambil foto')).toBeNull();
    expect(screen.queryByRole('button', { name: /Hapus foto/ })).toBeNull();

    const v = within(viewer);
    expect(v.getByTestId('photo-viewer-page').textContent).toBe('Halaman 1 dari 2');
    fireEvent.click(v.getByRole('button', { name: 'Halaman berikutnya' }));
    expect(v.getByTestId('photo-viewer-page').textContent).toBe('Halaman 2 dari 2');
    expect(v.getByRole('button', { name: 'Halaman berikutnya' })).toHaveProperty('disabled', true);

    fireEvent.click(v.getByRole('button', { name: 'Perbesar' }));
    expect(v.getByTestId('photo-viewer-zoom').textContent).toBe('Pembesaran 125%');
    const frame = v.getByRole('region');
    fireEvent.keyDown(frame, { key: 'ArrowLeft' });
    expect(v.getByTestId('photo-viewer-img').style.transform).toBe('translate(40px, 0px) scale(1.25)');
    fireEvent.pointerDown(frame, { clientX: 100, clientY: 100 });
    fireEvent.pointerMove(frame, { clientX: 80, clientY: 130 });
    fireEvent.pointerUp(frame);
    expect(v.getByTestId('photo-viewer-img').style.transform).toBe('translate(20px, 30px) scale(1.25)');
    fireEvent.click(v.getByRole('button', { name: 'Ukuran awal' }));
    expect(v.getByTestId('photo-viewer-img').style.transform).toBe('translate(0px, 0px) scale(1)');
  });

  it('the settings screen says how many photos this device stores and their size', async () => {
    const db = await seed();
    vi.stubGlobal('navigator', { ...navigator, storage: { estimate: () => Promise.resolve({ usage: 5 * 1024 * 1024, quota: 100 * 1024 * 1024 }) } });
    render(<StorageInfo />);
    expect((await screen.findByTestId('storage-photos')).textContent).toBe('Foto C.Hasil di perangkat ini: 0 foto, 0 B.');
    await attachPhoto(db, { key: KEY, blob: jpegBlob('x'.repeat(2048)), width: 10, height: 10, actor: 'Ani' });
    await waitFor(() => expect(screen.getByTestId('storage-photos').textContent).toBe('Foto C.Hasil di perangkat ini: 1 foto, 2 KB.'));
    expect(screen.getByTestId('storage-info').textContent).toMatch(/Terpakai 5 MB dari kuota 100 MB/);
  });
});
