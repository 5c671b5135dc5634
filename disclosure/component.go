package disclosure

// components are the groups of free classes (hidden and not pinned) that
// relations link: the attacker's problem splits into one independent
// problem per component, the rest being constants.
type components struct {
	off  []int32 // component i is vars[off[i]:off[i+1]], classes ascending
	vars []int32
}

func (cs *components) len() int { return len(cs.off) - 1 }

func (cs *components) members(i int) []int32 { return cs.vars[cs.off[i]:cs.off[i+1]] }

// components labels the free classes with a union-find over relations,
// numbering components by their smallest class.
func (a *attack) components() *components {
	n := a.p.numClasses()
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	for r := int32(0); int(r) < a.p.NumRelations(); r++ {
		vars, _ := a.p.rel(r)
		first := int32(-1)
		for _, v := range vars {
			if !a.free(v) {
				continue
			}
			if first < 0 {
				first = v
				continue
			}
			x, y := find(parent, first), find(parent, v)
			if x > y {
				x, y = y, x
			}
			parent[y] = x
		}
	}
	// parent becomes the component number of each free class's root.
	cs := &components{off: []int32{0}}
	id := make([]int32, n)
	count := []int32{}
	for v := range n {
		if !a.free(int32(v)) {
			continue
		}
		root := find(parent, int32(v))
		if root == int32(v) {
			id[v] = int32(len(count))
			count = append(count, 0)
		}
		c := id[root]
		id[v] = c
		count[c]++
	}
	for _, k := range count {
		cs.off = append(cs.off, cs.off[len(cs.off)-1]+k)
	}
	cs.vars = make([]int32, cs.off[len(cs.off)-1])
	fill := append([]int32(nil), cs.off[:len(count)]...)
	for v := range n {
		if a.free(int32(v)) {
			c := id[v]
			cs.vars[fill[c]] = int32(v)
			fill[c]++
		}
	}
	return cs
}
