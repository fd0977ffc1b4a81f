import { describe, expect, it } from 'vitest'
import { DESCRIBE_TABWRITER, TABLE_TABWRITER, tabwrite } from './tabwriter'

describe('tabwrite (Go text/tabwriter)', () => {
  it('pads columns by 3 with a minimum width of 6 and leaves the last cell unpadded', () => {
    expect(tabwrite('NAME\tAGE\nnginx\t5s\n', TABLE_TABWRITER)).toBe('NAME    AGE\nnginx   5s\n')
    expect(tabwrite('A\tB\tC\nx\ty\tz\n', TABLE_TABWRITER)).toBe('A     B     C\nx     y     z\n')
  })

  it('aligns a column only over consecutive lines that have it', () => {
    expect(tabwrite('Name:\tnginx\nLabels:\tapp=web\n\tx=y\nEvents:\t<none>\n', DESCRIBE_TABWRITER)).toBe(
      'Name:    nginx\nLabels:  app=web\n         x=y\nEvents:  <none>\n',
    )
    expect(tabwrite('a:\t1\nno tabs here\nlonger key:\t2\n', DESCRIBE_TABWRITER)).toBe('a:  1\nno tabs here\nlonger key:  2\n')
  })

  it('keeps trailing text and empty cells as Go does', () => {
    expect(tabwrite('  Type\tStatus\n  Ready \tTrue \n', DESCRIBE_TABWRITER)).toBe('  Type    Status\n  Ready   True \n')
    expect(tabwrite('    Medium:\t\n    SizeLimit:\t<unset>\n', DESCRIBE_TABWRITER)).toBe('    Medium:     \n    SizeLimit:  <unset>\n')
  })

  it('counts code points, not UTF-16 units', () => {
    expect(tabwrite('é😀\tx\nab\ty\n', DESCRIBE_TABWRITER)).toBe('é😀  x\nab  y\n')
  })
})
