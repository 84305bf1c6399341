package main

import "errors"

type privatePostgres struct{ url string }

func startPostgres(_, _ string) (*privatePostgres, error) {
	return nil, errors.New("-pg-data is not supported on Windows: give -postgresql-url")
}

func (p *privatePostgres) stop() {}
