import { Mentions, type MentionsProps } from "antd";
import { useState } from "react";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useUsers } from "../users/users.api";

const SUGGESTIONS = 8;

// The Markdown the server reads as a mention; the name is only for readers of the raw text.
function mentionMarkup(user: { id: string; name: string }): string {
  return `[${user.name}](user:${user.id})`;
}

type Props = Omit<MentionsProps, "options" | "prefix" | "split" | "onSearch" | "filterOption">;

// A textarea where "@" suggests active colleagues (searched on the server as one types) and inserts
// the mention syntax `@[Name](user:<id>)`.
export function MentionInput(props: Props) {
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 200);
  const users = useUsers({ q: q || undefined });
  const options = (users.data?.items ?? []).slice(0, SUGGESTIONS).map((user) => ({
    key: user.id,
    value: mentionMarkup(user),
    label: user.name,
  }));
  return (
    <Mentions
      prefix="@"
      split=" "
      // The server already filtered by name and e-mail; the option values are markup, not names.
      filterOption={false}
      loading={users.isFetching}
      options={options}
      onSearch={setSearch}
      {...props}
    />
  );
}
