/// The independent random streams of one simulation, each derived from the seed.
///
/// Separate streams keep the parts of the world independent of each other's size: the catalogue
/// depends only on the seed and catalogue size, the listeners only on those plus the user count.
enum SimulationRandomStream: UInt64 {
    case catalogue = 0x6361_7461_6C6F_6775   // "catalogu"
    case listeners = 0x6C69_7374_656E_6572   // "listener"
    case traffic = 0x7472_6166_6669_6321     // "traffic!"
}
