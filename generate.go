package adminapi

//go:generate go tool genqlient
