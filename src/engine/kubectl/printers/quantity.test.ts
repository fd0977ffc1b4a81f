import { describe, expect, it } from 'vitest'
import { addQuantity, canonicalQuantity, parseQuantity, quantityMilliValue, quantityValue, formatQuantity, ZERO_QUANTITY } from './quantity'

describe('quantity canonical form (resource.Quantity.String)', () => {
  it.each([
    ['100m', '100m'],
    ['0.1', '100m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['2', '2'],
    ['2000', '2k'],
    ['1234567', '1234567'],
    ['1230000', '1230k'],
    ['128Mi', '128Mi'],
    ['1Gi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['1024Mi', '1Gi'],
    ['512', '512'],
    ['1000Ki', '1000Ki'],
    ['1G', '1G'],
    ['1000M', '1G'],
    ['1e3', '1e3'],
    ['0', '0'],
    ['0Mi', '0'],
    ['100Ki', '100Ki'],
    ['8145440Ki', '8145440Ki'],
    ['110', '110'],
  ])('%s → %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want)
  })

  it('sums keep the first format', () => {
    const sum = addQuantity(parseQuantity('128Mi'), parseQuantity('256Mi'))
    expect(formatQuantity(sum)).toBe('384Mi')
    expect(formatQuantity(addQuantity(ZERO_QUANTITY, parseQuantity('64Mi')))).toBe('64Mi')
    expect(formatQuantity(addQuantity(parseQuantity('100m'), parseQuantity('900m')))).toBe('1')
  })

  it('rounds values up like ScaledValue', () => {
    expect(quantityMilliValue(parseQuantity('1'))).toBe(1000n)
    expect(quantityValue(parseQuantity('100m'))).toBe(1n)
    expect(quantityValue(parseQuantity('1Ki'))).toBe(1024n)
  })
})
