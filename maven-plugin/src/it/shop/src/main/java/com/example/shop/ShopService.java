package com.example.shop;

/** Not an entity: never loaded by sark-migrate. */
public class ShopService {
}
