import { Button, Tree } from "antd";
import type { DataNode } from "antd/es/tree";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import type { Answer, Region, RegionWithPath } from "../types.ts";

interface Node extends DataNode {
  key: string;
  children?: Node[];
}

const toNode = (r: Region): Node => ({ key: r.code, title: r.name, isLeaf: r.level === "county" });

/** Lazily loaded GB/T 2260 tree, rooted at `rootCode` (an official's region) or at the provinces. */
export function RegionTree({
  rootCode,
  selected,
  onSelect,
}: {
  rootCode: string | null;
  selected: string | undefined;
  onSelect: (code: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);

  useEffect(() => {
    const load = async () => {
      if (rootCode) {
        const root = await api<RegionWithPath>(`/regions/${rootCode}`);
        const children = root.level === "county" ? [] : (await api<Answer<"/regions">>("/regions", { query: { parent: rootCode } })).items.map(toNode);
        setNodes([{ ...toNode(root), children }]);
        setExpanded([rootCode]);
      } else {
        setNodes((await api<Answer<"/regions">>("/regions")).items.map(toNode));
      }
    };
    void load();
  }, [rootCode]);

  const loadData = async (node: Node) => {
    if (node.children) return;
    const { items } = await api<Answer<"/regions">>("/regions", { query: { parent: node.key } });
    const attach = (list: Node[]): Node[] =>
      list.map((n) => (n.key === node.key ? { ...n, children: items.map(toNode) } : n.children ? { ...n, children: attach(n.children) } : n));
    setNodes((current) => attach(current));
  };

  return (
    <div data-testid="region-tree">
      <Button type="link" onClick={() => onSelect(undefined)} style={{ padding: "0 0 8px", fontWeight: selected ? 400 : 600 }}>
        {t("institution.allRegions")}
      </Button>
      <Tree<Node>
        treeData={nodes}
        loadData={loadData}
        selectedKeys={selected ? [selected] : []}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys as string[])}
        onSelect={(keys) => onSelect((keys[0] as string | undefined) ?? undefined)}
        blockNode
      />
    </div>
  );
}
