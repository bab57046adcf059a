import { ErrorCode } from '#core';
import { type ASTVisitor, GraphQLError, type ValidationContext } from 'graphql';

/**
 * Rejects documents with more than `maxAliases` aliased fields before they execute: aliases are
 * how one request asks for the same costly field (or tries the same password) many times over.
 * Counted over the whole document, fragments included, so spreading them does not help.
 */
export function aliasLimitRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === maxAliases + 1) {
          context.reportError(
            new GraphQLError(`This document uses more than ${maxAliases} aliases; the limit is ${maxAliases}.`, {
              nodes: [node],
              extensions: { code: ErrorCode.TooManyAliases },
            }),
          );
        }
      },
      Document: { leave: () => void (aliases = 0) },
    };
  };
}
