// The small, safe condition language of qualification rules and segments: parsed into a tree, never eval'd.
//
//   score >= 60 and fit_grade <= "B" and not spam
//   fired("demo_request", 30) and fit_grade in ["A", "B"]
//
// Grammar (lowest precedence first):
//   or      := and ("or" and)*
//   and     := unary ("and" unary)*
//   unary   := "not" unary | compare
//   compare := operand (("==" | "!=" | "<" | "<=" | ">" | ">=") operand | "in" list)?
//   operand := number | string | true | false | null | identifier | call | "(" or ")"
//   call    := identifier "(" (or ("," or)*)? ")"
//   list    := "[" (literal ("," literal)*)? "]"

export type Literal = string | number | boolean | null

export const COMPARE_OPERATORS = ['==', '!=', '<', '<=', '>', '>='] as const
export type CompareOperator = (typeof COMPARE_OPERATORS)[number]

export type Expression =
  | { kind: 'literal'; value: Literal }
  | { kind: 'variable'; name: string }
  | { kind: 'call'; name: string; args: Expression[] }
  | { kind: 'not'; operand: Expression }
  | { kind: 'and' | 'or'; left: Expression; right: Expression }
  | { kind: 'compare'; op: CompareOperator; left: Expression; right: Expression }
  | { kind: 'in'; operand: Expression; values: Literal[] }

export interface ExpressionError {
  /** 0-based character offset in the source. */
  offset: number
  message: string
}

export type ParseResult = { ok: true; expression: Expression } | { ok: false; error: ExpressionError }

/** Longest expression accepted, in characters: bounds parse time and nesting. */
export const MAX_EXPRESSION_LENGTH = 2000
const MAX_DEPTH = 32

type Token =
  | { type: 'number'; value: number; offset: number }
  | { type: 'string'; value: string; offset: number }
  | { type: 'identifier'; value: string; offset: number }
  | { type: 'symbol'; value: string; offset: number }
  | { type: 'end'; offset: number }

class SyntaxFault extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message)
  }
}

const SYMBOLS = ['==', '!=', '<=', '>=', '<', '>', '(', ')', '[', ']', ','] as const

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const ch = source[i]!
    if (/\s/.test(ch)) {
      i++
      continue
    }
    const start = i
    if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!
      tokens.push({ type: 'number', value: Number(match[0]), offset: start })
      i += match[0].length
      continue
    }
    if (ch === '"' || ch === "'") {
      let value = ''
      i++
      while (i < source.length && source[i] !== ch) {
        if (source[i] === '\\' && i + 1 < source.length) i++
        value += source[i]
        i++
      }
      if (i >= source.length) throw new SyntaxFault(start, 'unterminated string')
      i++
      tokens.push({ type: 'string', value, offset: start })
      continue
    }
    if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(i))!
      tokens.push({ type: 'identifier', value: match[0], offset: start })
      i += match[0].length
      continue
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i))
    if (symbol === undefined) {
      const hint = ch === '=' ? ' (use == to compare)' : ch === '&' || ch === '|' ? ' (use and / or)' : ''
      throw new SyntaxFault(start, `unexpected character '${ch}'${hint}`)
    }
    tokens.push({ type: 'symbol', value: symbol, offset: start })
    i += symbol.length
  }
  tokens.push({ type: 'end', offset: source.length })
  return tokens
}

class Parser {
  private position = 0
  private depth = 0

  constructor(private readonly tokens: Token[]) {}

  parse(): Expression {
    const expression = this.parseOr()
    const next = this.peek()
    if (next.type !== 'end') throw new SyntaxFault(next.offset, `unexpected ${describe(next)}`)
    return expression
  }

  private peek(): Token {
    return this.tokens[this.position]!
  }

  private next(): Token {
    return this.tokens[this.position++]!
  }

  private isWord(word: string): boolean {
    const token = this.peek()
    return token.type === 'identifier' && token.value === word
  }

  private isSymbol(symbol: string): boolean {
    const token = this.peek()
    return token.type === 'symbol' && token.value === symbol
  }

  private expectSymbol(symbol: string): void {
    const token = this.next()
    if (token.type !== 'symbol' || token.value !== symbol) {
      throw new SyntaxFault(token.offset, `expected '${symbol}' but found ${describe(token)}`)
    }
  }

  private nested<T>(offset: number, parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new SyntaxFault(offset, `nested deeper than ${MAX_DEPTH} levels`)
    try {
      return parse()
    } finally {
      this.depth--
    }
  }

  private parseOr(): Expression {
    let left = this.parseAnd()
    while (this.isWord('or')) {
      this.next()
      left = { kind: 'or', left, right: this.parseAnd() }
    }
    return left
  }

  private parseAnd(): Expression {
    let left = this.parseUnary()
    while (this.isWord('and')) {
      this.next()
      left = { kind: 'and', left, right: this.parseUnary() }
    }
    return left
  }

  private parseUnary(): Expression {
    if (this.isWord('not')) {
      const token = this.next()
      return this.nested(token.offset, () => ({ kind: 'not', operand: this.parseUnary() }))
    }
    return this.parseCompare()
  }

  private parseCompare(): Expression {
    const left = this.parseOperand()
    const token = this.peek()
    if (token.type === 'symbol' && (COMPARE_OPERATORS as readonly string[]).includes(token.value)) {
      this.next()
      return { kind: 'compare', op: token.value as CompareOperator, left, right: this.parseOperand() }
    }
    if (this.isWord('in')) {
      this.next()
      return { kind: 'in', operand: left, values: this.parseList() }
    }
    return left
  }

  private parseList(): Literal[] {
    this.expectSymbol('[')
    const values: Literal[] = []
    while (!this.isSymbol(']')) {
      const token = this.next()
      const literal = literalOf(token)
      if (literal === undefined) throw new SyntaxFault(token.offset, `expected a literal but found ${describe(token)}`)
      values.push(literal.value)
      if (!this.isSymbol(']')) this.expectSymbol(',')
    }
    this.next()
    return values
  }

  private parseOperand(): Expression {
    const token = this.next()
    const literal = literalOf(token)
    if (literal !== undefined) return { kind: 'literal', value: literal.value }
    if (token.type === 'symbol' && token.value === '(') {
      const inner = this.nested(token.offset, () => this.parseOr())
      this.expectSymbol(')')
      return inner
    }
    if (token.type === 'identifier') {
      if (['and', 'or', 'not', 'in'].includes(token.value)) {
        throw new SyntaxFault(token.offset, `unexpected keyword '${token.value}'`)
      }
      if (!this.isSymbol('(')) return { kind: 'variable', name: token.value }
      this.next()
      const args: Expression[] = []
      while (!this.isSymbol(')')) {
        args.push(this.nested(token.offset, () => this.parseOr()))
        if (!this.isSymbol(')')) this.expectSymbol(',')
      }
      this.next()
      return { kind: 'call', name: token.value, args }
    }
    throw new SyntaxFault(token.offset, `expected a value but found ${describe(token)}`)
  }
}

function literalOf(token: Token): { value: Literal } | undefined {
  if (token.type === 'number' || token.type === 'string') return { value: token.value }
  if (token.type === 'identifier') {
    if (token.value === 'true') return { value: true }
    if (token.value === 'false') return { value: false }
    if (token.value === 'null') return { value: null }
  }
  return undefined
}

function describe(token: Token): string {
  if (token.type === 'end') return 'the end of the expression'
  if (token.type === 'string') return `"${token.value}"`
  return `'${String(token.value)}'`
}

/** Parses an expression; a syntax error says where and what. */
export function parseExpression(source: string): ParseResult {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, error: { offset: MAX_EXPRESSION_LENGTH, message: `longer than ${MAX_EXPRESSION_LENGTH} characters` } }
  }
  try {
    return { ok: true, expression: new Parser(tokenize(source)).parse() }
  } catch (error) {
    if (error instanceof SyntaxFault) return { ok: false, error: { offset: error.offset, message: error.message } }
    throw error
  }
}

/** What an expression can read: variables by name and functions by name. */
export interface ExpressionScope {
  variable(name: string): Literal | undefined
  call(name: string, args: Literal[]): Literal | undefined
}

/** Evaluates to a literal. Unknown names evaluate to null; the model validator rejects them beforehand. */
export function evaluateExpression(expression: Expression, scope: ExpressionScope): Literal {
  switch (expression.kind) {
    case 'literal':
      return expression.value
    case 'variable':
      return scope.variable(expression.name) ?? null
    case 'call':
      return scope.call(expression.name, expression.args.map((arg) => evaluateExpression(arg, scope))) ?? null
    case 'not':
      return !isTruthy(evaluateExpression(expression.operand, scope))
    case 'and':
      return isTruthy(evaluateExpression(expression.left, scope)) && isTruthy(evaluateExpression(expression.right, scope))
    case 'or':
      return isTruthy(evaluateExpression(expression.left, scope)) || isTruthy(evaluateExpression(expression.right, scope))
    case 'compare':
      return compare(expression.op, evaluateExpression(expression.left, scope), evaluateExpression(expression.right, scope))
    case 'in': {
      const value = normalise(evaluateExpression(expression.operand, scope))
      return expression.values.some((candidate) => normalise(candidate) === value)
    }
  }
}

/** True when the expression holds. */
export function testExpression(expression: Expression, scope: ExpressionScope): boolean {
  return isTruthy(evaluateExpression(expression, scope))
}

function isTruthy(value: Literal): boolean {
  return value !== null && value !== false && value !== 0 && value !== ''
}

function normalise(value: Literal): Literal {
  return typeof value === 'string' ? value.toLowerCase() : value
}

function compare(op: CompareOperator, rawLeft: Literal, rawRight: Literal): boolean {
  const left = normalise(rawLeft)
  const right = normalise(rawRight)
  if (op === '==') return left === right
  if (op === '!=') return left !== right
  // Ordering needs two values of one type; anything else (a missing value) is false.
  if (left === null || right === null || typeof left !== typeof right) return false
  switch (op) {
    case '<':
      return left < right
    case '<=':
      return left <= right
    case '>':
      return left > right
    case '>=':
      return left >= right
  }
}

/** Names an expression uses, for validation: variables and called functions with their arguments. */
export function collectReferences(expression: Expression): { variables: string[]; calls: { name: string; args: Expression[] }[] } {
  const variables: string[] = []
  const calls: { name: string; args: Expression[] }[] = []
  const visit = (node: Expression): void => {
    switch (node.kind) {
      case 'variable':
        variables.push(node.name)
        return
      case 'call':
        calls.push({ name: node.name, args: node.args })
        node.args.forEach(visit)
        return
      case 'not':
        visit(node.operand)
        return
      case 'and':
      case 'or':
      case 'compare':
        visit(node.left)
        visit(node.right)
        return
      case 'in':
        visit(node.operand)
        return
      case 'literal':
        return
    }
  }
  visit(expression)
  return { variables, calls }
}
