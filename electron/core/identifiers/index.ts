// Identifiers once: how an IP, CIDR network, MAC, hostname or serial is read and keyed. The
// store's mappers key stored fields with these, the read model looks them up with them, and
// the answers parser and MCP find_ip_address read user input with them, so all agree.
export * from './ip';
export * from './mac';
export * from './hostname';
