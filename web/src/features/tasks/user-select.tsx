import { Select, type SelectProps } from "antd";
import { useTranslation } from "react-i18next";
import { useMe } from "../session/me-context";
import { useAllUsers } from "../users/users.api";

type Props = Omit<SelectProps<string | string[]>, "options">;

// Active colleagues, the user first as "Me"; a deactivated one still shows when already chosen, so a
// task's old assignee or watcher keeps their name.
export function UserSelect(props: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const users = useAllUsers();
  const chosen = new Set([props.value ?? []].flat());
  const options = (users.data?.items ?? [])
    .filter((user) => user.active || chosen.has(user.id))
    .sort((a, b) => Number(b.id === me.user.id) - Number(a.id === me.user.id))
    .map((user) => ({
      value: user.id,
      label: user.id === me.user.id ? t("tasks.meLabel", { name: user.name }) : user.name,
    }));
  return (
    <Select
      showSearch={{ optionFilterProp: "label" }}
      loading={users.isPending}
      {...props}
      options={options}
    />
  );
}
