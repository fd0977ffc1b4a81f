import { describe, expect, it } from 'vitest'
import type { Lesson } from '../../lessons/format'
import { translatorFor, initialLang } from '../i18n'
import { findLesson, lessonHash, loadProgress, parseLessonHash } from './lesson'

describe('lesson links', () => {
  it('reads and writes #lesson=…&step=… with a 1-based step', () => {
    expect(parseLessonHash('#lesson=creating-a-pod&step=3')).toEqual({ id: 'creating-a-pod', step: 2 })
    expect(parseLessonHash('#lesson=creating-a-pod')).toEqual({ id: 'creating-a-pod', step: 0 })
    expect(parseLessonHash('#lesson=x&step=zero')).toEqual({ id: 'x', step: 0 })
    expect(parseLessonHash('#share=abc')).toBeNull()
    expect(lessonHash('creating-a-pod', 2)).toBe('#lesson=creating-a-pod&step=3')
  })

  it('finds a lesson by id or by number', () => {
    const lessons = [{ id: 'architecture-tour', number: 1 }, { id: 'creating-a-pod', number: 2 }] as Lesson[]
    expect(findLesson(lessons, 'creating-a-pod')?.number).toBe(2)
    expect(findLesson(lessons, '1')?.id).toBe('architecture-tour')
    expect(findLesson(lessons, 'nope')).toBeUndefined()
  })

  it('reads saved progress, and survives garbage', () => {
    expect(loadProgress({ getItem: () => '{"creating-a-pod":{"step":3,"done":false}}' })).toEqual({ 'creating-a-pod': { step: 3, done: false } })
    expect(loadProgress({ getItem: () => '{oops' })).toEqual({})
    expect(loadProgress(undefined)).toEqual({})
  })
})

describe('i18n', () => {
  it('translates with placeholders', () => {
    expect(translatorFor('en')('lesson.progress', { n: 3, total: 9 })).toBe('Step 3 of 9')
    expect(translatorFor('vi')('lesson.progress', { n: 3, total: 9 })).toBe('Bước 3 / 9')
  })

  it('prefers the saved language, then the browser language', () => {
    expect(initialLang({ getItem: () => 'vi' }, ['en-US'])).toBe('vi')
    expect(initialLang({ getItem: () => null }, ['vi-VN', 'en'])).toBe('vi')
    expect(initialLang({ getItem: () => null }, ['en-GB'])).toBe('en')
  })
})
