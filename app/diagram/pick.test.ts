import { beforeEach, describe, expect, it } from 'vitest'
import type { Lesson, Predict, Step } from '../../lessons/format'
import { pickChoice } from '../state/lesson'
import { initialState, useStore, type ActiveLesson } from '../state/store'
import { pickStateOf, pickTargets, pickedBy, predictChoices } from './pick'

const COMPONENTS = ['kubectl', 'apiserver', 'etcd', 'scheduler', 'controller-manager', 'kubelet/node-1', 'kubelet/node-2', 'runtime/node-1']
const text = (s: string) => ({ en: s, vi: s })

function predict(pick: Predict['pick'], choices: string[] = []): Predict {
  return {
    question: text('Which?'),
    pick,
    choices: choices.map((c) => ({ value: c, label: { en: `${c} (en)`, vi: `${c} (vi)` } })),
    answer: { scheduledNode: 'pod/big' },
    explain: text('{answer}'),
  }
}

describe('pick targets', () => {
  it('offers the lesson\'s choices, or the diagram\'s worker nodes or control-plane boxes', () => {
    expect(predictChoices(predict('node'), COMPONENTS).map((c) => c.value)).toEqual(['node-1', 'node-2'])
    expect(predictChoices(predict('component'), COMPONENTS).map((c) => c.value)).toEqual(['kubectl', 'apiserver', 'etcd', 'scheduler', 'controller-manager'])
    expect(predictChoices(predict('node', ['node-2', 'node-3']), COMPONENTS).map((c) => c.label.vi)).toEqual(['node-2 (vi)', 'node-3 (vi)'])
  })

  it('names the diagram box of each choice: node/<name> for a node, the component id otherwise', () => {
    expect(pickTargets(predict('node', ['node-1']), COMPONENTS).map((t) => t.box)).toEqual(['node/node-1'])
    expect(pickTargets(predict('component', ['scheduler']), COMPONENTS).map((t) => t.box)).toEqual(['scheduler'])
    expect(pickTargets(predict('choice', ['a', 'b']), COMPONENTS)).toEqual([])
    expect(pickTargets(undefined, COMPONENTS)).toEqual([])
  })

  it('reads a click inside a node (its kubelet, a pod) as picking the node', () => {
    const targets = pickTargets(predict('node'), COMPONENTS)
    expect(pickedBy('node/node-2', undefined, targets)).toBe('node-2')
    expect(pickedBy('kubelet/node-1', 'node/node-1', targets)).toBe('node-1')
    expect(pickedBy('pod:/registry/pods/default/web', 'node/node-2', targets)).toBe('node-2')
    expect(pickedBy('apiserver', undefined, targets)).toBeUndefined()
    expect(pickedBy('pod:/registry/pods/default/web', 'tray', targets)).toBeUndefined()
  })
})

describe('pick state', () => {
  const step: Step = { id: 'guess', title: text('Guess'), text: text(''), actions: [], highlight: { components: [], hops: [] }, checks: [], predict: predict('node', ['node-1', 'node-2']) }
  const lesson = { id: 'l', number: 1, steps: [step] } as unknown as Lesson
  const active: ActiveLesson = {
    id: 'l', index: 0, kind: 'predict', stepStartHop: 0, played: false, highlights: { components: [], hops: [] },
    checks: null, hintShown: false, solutionShown: false, picked: null, chosen: null, outcome: null, revealAt: 0, pending: false,
  }
  beforeEach(() => useStore.setState({ ...initialState(), components: COMPONENTS, lessons: [lesson], lesson: active }))

  it('marks the candidates, then the one picked in the list or on the diagram, then the answer given', () => {
    const state = (box: string) => pickStateOf(useStore.getState(), box)
    expect(state('node/node-1')).toBe('candidate')
    expect(state('node/node-2')).toBe('candidate')
    expect(state('apiserver')).toBeUndefined()
    pickChoice('node-2')
    expect(useStore.getState().lesson?.picked).toBe('node-2')
    expect(state('node/node-2')).toBe('picked')
    expect(state('node/node-1')).toBe('candidate')
    // Once sent (answerPrediction sets `chosen`), it is the answer given, and the others are boxes again.
    useStore.setState({ lesson: { ...useStore.getState().lesson!, chosen: 'node-2' } })
    expect(state('node/node-2')).toBe('chosen')
    expect(state('node/node-1')).toBeUndefined()
    // An answer sent cannot be changed.
    pickChoice('node-1')
    expect(useStore.getState().lesson?.picked).toBe('node-2')
  })

  it('leaves a multiple choice alone', () => {
    useStore.setState({ lessons: [{ ...lesson, steps: [{ ...step, predict: predict('choice', ['a']) }] }] })
    expect(pickStateOf(useStore.getState(), 'node/node-1')).toBeUndefined()
  })
})
