/** A KERN table head: one column header per label (falsy entries are left out). */
export function TableHead({ columns }: { columns: Array<string | false | undefined> }) {
  return (
    <thead className="kern-table__head">
      <tr className="kern-table__row">
        {columns
          .filter((label): label is string => typeof label === 'string')
          .map((label, index) => (
            <th className="kern-table__header" scope="col" key={index}>
              {label}
            </th>
          ))}
      </tr>
    </thead>
  );
}
