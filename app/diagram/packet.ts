/**
 * The packet currently on the diagram, in a tiny store of its own: each edge and box subscribes
 * narrowly (is the packet on me?), so a new hop re-renders the two endpoints and one edge, not
 * the whole diagram of a 200-pod cluster.
 */
import { create } from 'zustand'

export interface Packet {
  hopId: number
  edgeId: string
  /** Travelling against the edge's drawn direction (target → source). */
  reverse: boolean
  label: string
  /** Diagram component ids at both ends. */
  from?: string
  to?: string
  durationMs: number
  reducedMotion: boolean
  /** The hop failed (a 5xx answer, or a request to a stopped component): drawn as failed. */
  failed?: boolean
}

export const usePacketStore = create<{ packet: Packet | null; lessonEdges: ReadonlySet<string> }>()(() => ({ packet: null, lessonEdges: new Set<string>() }))

/** Whether the current lesson step talks about a hop travelling on `edgeId`. */
export function useLessonEdge(edgeId: string): boolean {
  return usePacketStore((s) => s.lessonEdges.has(edgeId))
}

/** The packet when it travels on `edgeId`, else null. */
export function usePacketOnEdge(edgeId: string): Packet | null {
  return usePacketStore((s) => (s.packet?.edgeId === edgeId ? s.packet : null))
}

/** 'sending', 'receiving' or undefined: the part the box `id` plays in the current hop. */
export function usePacketRole(id: string): 'sending' | 'receiving' | undefined {
  return usePacketStore((s) => (s.packet?.from === id ? 'sending' : s.packet?.to === id ? 'receiving' : undefined))
}
