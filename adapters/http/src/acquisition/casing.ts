import type { UpdateCheckResult } from "@hotpatch/core";

/** The v0.1 API answers in snake_case (SDK4 reads only `update_info`; camelCase there means "no update"). */
export function toSnakeCase(info: UpdateCheckResult) {
  return {
    download_url: info.downloadURL,
    description: info.description,
    is_available: info.isAvailable,
    is_mandatory: info.isMandatory,
    app_version: info.appVersion,
    package_hash: info.packageHash,
    label: info.label,
    package_size: info.packageSize,
    update_app_version: info.updateAppVersion,
    should_run_binary_version: info.shouldRunBinaryVersion,
    target_binary_range: info.target_binary_range,
  };
}
