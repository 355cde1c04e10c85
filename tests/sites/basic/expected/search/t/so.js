(window.digestSearch=window.digestSearch||[]).push(["t","so",{"sold":[14]}]);
