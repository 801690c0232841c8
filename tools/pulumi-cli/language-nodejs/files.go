package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func programDir(info *pulumirpc.ProgramInfo, fallback string) string {
	if dir := info.GetProgramDirectory(); dir != "" {
		return dir
	}
	if fallback != "" {
		return fallback
	}
	wd, _ := os.Getwd()
	return wd
}

// findUp looks for rel in dir and its parents, as Node's module resolution does.
func findUp(dir, rel string) (string, error) {
	for {
		candidate := filepath.Join(dir, rel)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

type packageJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

// resourcePlugins reads the top-level packages of the nearest node_modules and returns
// those that declare a Pulumi resource plugin.
func resourcePlugins(dir string) ([]*pulumirpc.PluginDependency, error) {
	modules, err := findUp(dir, "node_modules")
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	manifests, err := filepath.Glob(filepath.Join(modules, "*", "package.json"))
	if err != nil {
		return nil, err
	}
	scoped, err := filepath.Glob(filepath.Join(modules, "@*", "*", "package.json"))
	if err != nil {
		return nil, err
	}
	var deps []*pulumirpc.PluginDependency
	for _, path := range append(manifests, scoped...) {
		raw, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var pkg packageJSON
		if json.Unmarshal(raw, &pkg) != nil || !pkg.Pulumi.Resource {
			continue
		}
		name := pkg.Pulumi.Name
		if name == "" {
			name = strings.TrimPrefix(strings.TrimPrefix(pkg.Name, "@pulumi/"), "@")
		}
		version := pkg.Pulumi.Version
		if version == "" {
			version = pkg.Version
		}
		if version != "" && !strings.HasPrefix(version, "v") {
			version = "v" + version
		}
		deps = append(deps, &pulumirpc.PluginDependency{Name: name, Kind: "resource", Version: version, Server: pkg.Pulumi.Server})
	}
	return deps, nil
}
