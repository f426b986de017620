// Whole-process peer for the MAVLink comparison: node-mavlink 2.3.0 splits a tlog, checks CRCs with its
// own table, parses each packet header and counts packets. Usage: node count-packets.js FILE.tlog
'use strict'
const fs = require('fs')
const { Readable } = require('stream')
const { MavLinkTLogPacketSplitter, MavLinkPacketParser } = require('node-mavlink')

const buffer = fs.readFileSync(process.argv[2])
const splitter = new MavLinkTLogPacketSplitter()
let packets = 0
Readable.from([buffer]).pipe(splitter).pipe(new MavLinkPacketParser())
  .on('data', () => { packets++ })
  .on('end', () => {
    console.log(JSON.stringify({ packets, valid: splitter.validPackages, crcFailures: splitter.invalidPackages, unknown: splitter.unknownPackagesCount }))
  })
