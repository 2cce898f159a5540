import { parse, type CollectionTag, type ScalarTag } from "yaml";

/** CloudFormation's short intrinsic tags (`!Ref x`, `!Sub "…"`, `!If [...]`) read as their long form. */
const FUNCTIONS = ["Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "GetAtt", "If", "ImportValue", "Join", "Not", "Or", "And", "Select", "Split", "Sub"];

function intrinsicTags(): Array<ScalarTag | CollectionTag> {
  const tags: Array<ScalarTag | CollectionTag> = [{ tag: "!Ref", resolve: (value: string) => ({ Ref: value }) }];
  for (const name of FUNCTIONS) {
    const key = `Fn::${name}`;
    // `!GetAtt A.B` is shorthand for ["A", "B"].
    tags.push({ tag: `!${name}`, resolve: (value: string) => ({ [key]: name === "GetAtt" ? value.split(".") : value }) });
    tags.push({ tag: `!${name}`, collection: "seq", resolve: (seq) => ({ [key]: seq.toJSON() }) });
    tags.push({ tag: `!${name}`, collection: "map", resolve: (map) => ({ [key]: map.toJSON() }) });
  }
  return tags;
}

export function parseTemplate(text: string): CloudFormationTemplate {
  return parse(text, { customTags: intrinsicTags() }) as CloudFormationTemplate;
}

export interface CloudFormationTemplate {
  Parameters?: Record<string, Record<string, unknown>>;
  Globals?: { Function?: Record<string, unknown> };
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
}
