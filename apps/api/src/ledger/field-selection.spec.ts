import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectedFieldNames, selectsOnly } from './field-selection';

/** The resolve info of `company.deals` in `query`: its field nodes (every `deals` under `company`) and the fragments. */
function dealsInfo(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const company = operation.selectionSet.selections[0] as FieldNode;
  const fieldNodes = company.selectionSet!.selections.filter((selection): selection is FieldNode => selection.kind === Kind.FIELD && selection.name.value === 'deals');
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes, fragments };
}

describe('selectedFieldNames', () => {
  it('Given plain fields, Then their names, not those of nested fields', () => {
    expect(selectedFieldNames(dealsInfo('{ company { deals { id status(on: "2026-01-01") parties { role } } } }'))).toEqual(new Set(['id', 'status', 'parties']));
  });

  it('Given aliases, Then the field names behind them', () => {
    expect(selectedFieldNames(dealsInfo('{ company { deals { a: status b: status name: title } } }'))).toEqual(new Set(['status', 'title']));
  });

  it('Given fragments, nested fragments and inline fragments, Then their fields too, each fragment once', () => {
    const info = dealsInfo(`{ company { deals { id ...A ... on Deal { version ...B } } } }
      fragment A on Deal { title ...B }
      fragment B on Deal { terms { key } ...A }`);
    expect(selectedFieldNames(info)).toEqual(new Set(['id', 'title', 'terms', 'version']));
  });

  it('Given the same field selected twice (merged field nodes), Then the fields of both', () => {
    expect(selectedFieldNames(dealsInfo('{ company { deals { id } deals { citations { quote } } } }'))).toEqual(new Set(['id', 'citations']));
  });

  it('Given a path (a connection’s edges.node), Then the fields below it, through fragments on the connection, the edge and the node', () => {
    const info = dealsInfo(`{ company { deals { pageInfo { hasNextPage } edges { cursor node { id } } ...Page } } }
      fragment Page on DealConnection { edges { ... on DealEdge { node { ...Line } } } }
      fragment Line on Deal { title status }`);
    expect(selectedFieldNames(info, ['edges', 'node'])).toEqual(new Set(['id', 'title', 'status']));
    expect(selectsOnly(info, new Set(['id', 'title', 'status']), ['edges', 'node'])).toBe(true);
    expect(selectsOnly(info, new Set(['id', 'title']), ['edges', 'node'])).toBe(false);
  });

  it('Given a field under @skip, Then it still counts (a superset errs on the side of loading more)', () => {
    expect(selectedFieldNames(dealsInfo('query($no: Boolean!) { company { deals { id terms @skip(if: $no) { key } } } }'))).toEqual(new Set(['id', 'terms']));
  });
});

describe('selectsOnly', () => {
  const allowed = new Set(['id', 'title', 'status']);

  it('Given only allowed fields, Then true; one more field anywhere in a fragment, Then false', () => {
    expect(selectsOnly(dealsInfo('{ company { deals { id title status } } }'), allowed)).toBe(true);
    expect(selectsOnly(dealsInfo('{ company { deals { id ...F } } } fragment F on Deal { terms { key } }'), allowed)).toBe(false);
  });
});
