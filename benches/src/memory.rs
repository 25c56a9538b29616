//! The peak memory of this process, as Linux counts it.

/// The most resident memory this process has used so far, in bytes (`VmHWM`).
pub fn peak() -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status").map_err(|error| {
        format!("cannot read /proc/self/status (peak memory is measured on Linux only): {error}")
    })?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().strip_suffix("kB"))
        .and_then(|kb| kb.trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .ok_or_else(|| "no VmHWM in /proc/self/status".into())
}
