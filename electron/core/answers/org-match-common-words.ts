// Everyday words that also name organizations ("Summit", "Home Instead", "Night Owl Bakery").
// Written in lowercase after "at/for/in" or on its own, such a word is read as a word, not as a
// client: "backups at night", "printer in the office", "who to call for support".
// A capitalised or @-mentioned name still binds.
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `a about above after again all also always am an and any anything are around as at away back bad
  be because been before being below best better between big both but by call can care center
  central change check city clean client clients cloud company computer could current customer
  customers data day days desk did do does done down during each early east email end every
  everyone everything fast file files first for free from front full general get give global go
  good great group hand has have help here high his home hour house how i if in inside internet
  into is it its just key last late left level life light like line link local long main make
  many may me mine more morning most much my name national net network new next night no north
  not now of off office old on once one only open or other our out outside over own part people
  phone place plan point power print printer private pro public quick ready real remote right
  room run safe same school second secure security server service services set shop side site
  small so some south spring start state still storage store support sure system systems take
  team tech than that the their them then there these they thing this those time to today top
  total town under union united up us use user users very wall was way we web week well west
  what when where which while who why will with work world year you your`
    .split(/\s+/)
    .filter((w) => w !== ''),
);
