import { buildUrl, request } from '../request'
import type { PhotoAnswer } from '../types'

/** A visit photo (JPEG, PNG or WebP, at most 8 MB), stored once by its SHA-256. */
export function uploadPhoto(photo: Blob): Promise<PhotoAnswer> {
  return request<PhotoAnswer>('/photos', { method: 'POST', raw: photo, rawType: photo.type || 'application/octet-stream', timeoutMs: 120_000 })
}

export function photoUrl(sha256: string): string {
  return buildUrl(`/photos/${sha256}`)
}
